import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { SOURCE_KINDS, SOURCE_STATUSES } from '../ingest/source-metadata.ts';
import type { SlashCommand } from './commands.ts';
import {
  handleAddSource,
  handleRemoveSource,
  handleRestoreSource,
  removeSourceChoices,
  restoreSourceChoices,
} from './source-handlers.ts';

/**
 * Editors' commands. Registered with default_member_permissions ManageGuild, so Discord shows
 * them to server managers only (admins can grant them to a role in Server Settings →
 * Integrations); the bot still checks ALLOWED_EDITOR_ROLE_IDS on every use.
 */
function editorCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild);
}

const addSource = editorCommand(
  'add-source',
  'Add a document (pdf, docx, html, md, txt) to the corpus, with where it comes from',
)
  .addAttachmentOption((o) =>
    o.setName('file').setDescription('The document (pdf, docx, html, md or txt)').setRequired(true),
  )
  .addStringOption((o) => o.setName('title').setDescription('Title shown in citations').setMaxLength(300))
  .addStringOption((o) => o.setName('url').setDescription('Where to read the original (https://…)').setMaxLength(1000))
  .addStringOption((o) =>
    o.setName('publisher').setDescription('Who issued or published it, e.g. Ministry of Health').setMaxLength(300),
  )
  .addStringOption((o) => o.setName('date').setDescription('Date issued: YYYY-MM-DD, YYYY-MM or YYYY').setMaxLength(40))
  .addStringOption((o) =>
    o.setName('effective').setDescription('In force from: YYYY-MM-DD, YYYY-MM or YYYY').setMaxLength(40),
  )
  .addStringOption((o) =>
    o
      .setName('status')
      .setDescription('Legal status')
      .addChoices(...SOURCE_STATUSES.map((s) => ({ name: s, value: s }))),
  )
  .addStringOption((o) =>
    o
      .setName('kind')
      .setDescription('The instrument itself, a translation, or commentary')
      .addChoices(...SOURCE_KINDS.map((k) => ({ name: k, value: k }))),
  )
  .addStringOption((o) => o.setName('language').setDescription('Language code, e.g. en or vi').setMaxLength(20))
  .addStringOption((o) =>
    o
      .setName('replaced_by')
      .setDescription('The instrument that replaced it, e.g. Decree 13/2023/ND-CP')
      .setMaxLength(300),
  )
  .addStringOption((o) => o.setName('amended_by').setDescription('The instrument that amended it').setMaxLength(300))
  .addBooleanOption((o) =>
    o.setName('replace').setDescription('Replace the document of the same name (the old one is kept aside)'),
  );

const removeSource = editorCommand(
  'remove-source',
  'Take a document out of the corpus (it is kept aside and can be restored)',
).addStringOption((o) =>
  o.setName('document').setDescription('Start typing a title or file name').setRequired(true).setAutocomplete(true),
);

const restoreSource = editorCommand('restore-source', 'Put a removed document back into the corpus').addStringOption(
  (o) => o.setName('document').setDescription('Start typing a file name').setRequired(true).setAutocomplete(true),
);

/** /add-source, /remove-source and /restore-source: answered privately, after the work is done. */
export const SOURCE_COMMANDS: readonly SlashCommand[] = [
  { kind: 'slash', data: addSource.toJSON(), defer: 'ephemeral', cooldown: false, execute: handleAddSource },
  {
    kind: 'slash',
    data: removeSource.toJSON(),
    defer: 'ephemeral',
    cooldown: false,
    execute: handleRemoveSource,
    autocomplete: removeSourceChoices,
  },
  {
    kind: 'slash',
    data: restoreSource.toJSON(),
    defer: 'ephemeral',
    cooldown: false,
    execute: handleRestoreSource,
    autocomplete: restoreSourceChoices,
  },
];
