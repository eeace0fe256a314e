import { ApplicationCommandType, ContextMenuCommandBuilder, SlashCommandBuilder } from 'discord.js';

/** Names used by the router; the single list below is what deploy-commands registers. */
export const COMMAND = { ask: 'ask', cite: 'cite', sources: 'sources', findSources: 'Find sources' } as const;

/** Every command the bot offers, as registration data. */
export function commandData(): object[] {
  return [
    new SlashCommandBuilder()
      .setName(COMMAND.ask)
      .setDescription('Find the passages in the policy corpus that answer a question, with citations')
      .addStringOption((o) => o.setName('question').setDescription('e.g. What does Circular 49 require?').setRequired(true).setMaxLength(1000))
      .addIntegerOption((o) => o.setName('results').setDescription('Passages per page (1-10)').setMinValue(1).setMaxValue(10))
      .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
      .toJSON(),
    new SlashCommandBuilder()
      .setName(COMMAND.cite)
      .setDescription('A ready-to-paste citation for a document or a legal instrument in the corpus')
      .addStringOption((o) => o.setName('ref').setDescription('Start typing: Circular 49, Decision 5316, a title…').setRequired(true).setAutocomplete(true))
      .toJSON(),
    new SlashCommandBuilder().setName(COMMAND.sources).setDescription('Which documents are indexed, and how').toJSON(),
    new ContextMenuCommandBuilder().setName(COMMAND.findSources).setType(ApplicationCommandType.Message).toJSON(),
  ];
}
