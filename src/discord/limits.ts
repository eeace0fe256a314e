/** Discord's message limits (API v10). discord.js checks some of these, not all: we check every one. */
export const CONTENT_MAX = 2000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_AUTHOR_NAME_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FOOTER_MAX = 2048;
export const EMBEDS_PER_MESSAGE_MAX = 10;
/** Sum of title, description, field names and values, footer and author over all embeds. */
export const EMBED_TOTAL_MAX = 6000;
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;
export const CUSTOM_ID_MAX = 100;
export const BUTTONS_PER_ROW_MAX = 5;
/** Discord drops an interaction not acknowledged within 3 seconds. */
export const INITIAL_RESPONSE_MS = 3000;
