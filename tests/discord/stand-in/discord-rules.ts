/** Discord's rules for a message body, checked the way the API checks them. Null when valid. */
export function checkMessage(body: any): string | null {
  if (!body || typeof body !== 'object') return 'no message body';
  const am = body.allowed_mentions;
  if (
    !am ||
    !Array.isArray(am.parse) ||
    am.parse.length > 0 ||
    (am.users?.length ?? 0) > 0 ||
    (am.roles?.length ?? 0) > 0
  ) {
    return `allowed_mentions must be present and empty, got ${JSON.stringify(am)}`;
  }
  if ((body.content ?? '').length > 2000) return `content is ${body.content.length} > 2000 characters`;
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > 10) return `${embeds.length} embeds > 10`;
  let total = 0;
  for (const e of embeds) {
    if ((e.title ?? '').length > 256) return 'embed title > 256';
    if ((e.description ?? '').length > 4096) return `embed description ${e.description.length} > 4096`;
    if ((e.footer?.text ?? '').length > 2048) return 'embed footer > 2048';
    const fields: any[] = e.fields ?? [];
    if (fields.length > 25) return 'more than 25 fields';
    for (const f of fields) {
      if (!f.name || f.name.length > 256) return 'field name empty or > 256';
      if (!f.value || f.value.length > 1024) return `field value empty or ${f.value?.length} > 1024`;
      total += f.name.length + f.value.length;
    }
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length;
  }
  if (total > 6000) return `embeds total ${total} > 6000 characters`;
  const rows: any[] = body.components ?? [];
  if (rows.length > 5) return 'more than 5 component rows';
  for (const row of rows) {
    if ((row.components ?? []).length > 5) return 'more than 5 buttons in a row';
    for (const c of row.components ?? []) if ((c.custom_id ?? '').length > 100) return 'custom_id > 100';
  }
  if (!body.content && embeds.length === 0 && rows.length === 0) return 'empty message';
  return null;
}

export function checkChoices(choices: any): string | null {
  if (!Array.isArray(choices)) return 'autocomplete without choices';
  if (choices.length > 25) return `${choices.length} choices > 25`;
  for (const c of choices) {
    if (!c.name || c.name.length > 100) return `choice name "${c.name}" empty or > 100`;
    if (String(c.value).length > 100) return 'choice value > 100';
  }
  return null;
}
