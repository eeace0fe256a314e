import {
  type ApplicationCommandOptionChoiceData,
  ApplicationCommandType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import { handleAsk, handleFindSources } from './ask-handlers.ts';
import type { BotContext } from './bot-context.ts';
import { handleCite, handleCiteAutocomplete } from './cite-handlers.ts';
import type { BotReply, DeferMode } from './reply.ts';
import { SOURCE_COMMANDS } from './source-commands.ts';
import { handleSources } from './sources-handler.ts';

interface CommandBase {
  /**
   * How the router acknowledges it before `execute` runs. A `public` command whose `private`
   * option is true is deferred ephemerally instead (only the asker sees the answer).
   */
  defer: DeferMode;
  /** Whether the per-user cooldown (COOLDOWN_SECONDS) applies: commands that search, not lookups. */
  cooldown: boolean;
}

/** A slash command: registration data plus handlers. */
export interface SlashCommand extends CommandBase {
  kind: 'slash';
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<BotReply>;
  /** Suggestions for the focused option (answered within 3 s, no deferral possible). */
  autocomplete?(
    ctx: BotContext,
    interaction: AutocompleteInteraction,
  ): ApplicationCommandOptionChoiceData[] | Promise<ApplicationCommandOptionChoiceData[]>;
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand extends CommandBase {
  kind: 'message';
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(ctx: BotContext, interaction: MessageContextMenuCommandInteraction): Promise<BotReply>;
}

export type BotCommand = SlashCommand | MessageCommand;

/** Every command the bot offers: `deploy-commands` registers exactly these, the router routes exactly these. */
export const COMMANDS: readonly BotCommand[] = [
  {
    kind: 'slash',
    data: new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Find the passages in the policy corpus that answer a question, with citations')
      .addStringOption((o) =>
        o
          .setName('question')
          .setDescription('e.g. What does Circular 49 require?')
          .setRequired(true)
          .setMaxLength(1000),
      )
      .addIntegerOption((o) =>
        o.setName('results').setDescription('Passages per page (1-10)').setMinValue(1).setMaxValue(10),
      )
      .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
      .toJSON(),
    defer: 'public',
    cooldown: true,
    execute: handleAsk,
  },
  {
    kind: 'slash',
    data: new SlashCommandBuilder()
      .setName('cite')
      .setDescription('A ready-to-paste citation for a document or a legal instrument in the corpus')
      .addStringOption((o) =>
        o
          .setName('ref')
          .setDescription('Start typing: Circular 49, Decision 5316, a title…')
          .setRequired(true)
          .setAutocomplete(true),
      )
      .toJSON(),
    defer: 'public',
    cooldown: false,
    execute: (ctx, interaction) => handleCite(ctx, interaction.options.getString('ref', true)),
    autocomplete: (ctx, interaction) => handleCiteAutocomplete(ctx, interaction.options.getFocused()),
  },
  {
    kind: 'slash',
    data: new SlashCommandBuilder().setName('sources').setDescription('Which documents are indexed, and how').toJSON(),
    defer: 'none',
    cooldown: false,
    execute: (ctx) => handleSources(ctx),
  },
  ...SOURCE_COMMANDS,
  {
    kind: 'message',
    data: new ContextMenuCommandBuilder()
      .setName('Find sources')
      .setType(ApplicationCommandType.Message)
      .toJSON() as RESTPostAPIContextMenuApplicationCommandsJSONBody,
    defer: 'ephemeral',
    cooldown: true,
    execute: handleFindSources,
  },
];

/** The registration bodies, in table order. */
export function commandData(commands: readonly BotCommand[] = COMMANDS): BotCommand['data'][] {
  return commands.map((c) => c.data);
}

/** The table entry for a command interaction's name and type, if any. */
export function findCommand(
  name: string,
  type: ApplicationCommandType,
  commands: readonly BotCommand[] = COMMANDS,
): BotCommand | undefined {
  const kind =
    type === ApplicationCommandType.ChatInput ? 'slash' : type === ApplicationCommandType.Message ? 'message' : null;
  return commands.find((c) => c.kind === kind && c.data.name === name);
}
