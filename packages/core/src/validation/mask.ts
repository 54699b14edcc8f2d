/** Masks keep enough to recognise a record on screen and nothing more (PIPL: minimum necessary). */
export function maskIdNumber(id: string): string {
  // Keeping 4 + 4 characters only hides something when the value is long; a short fragment is hidden whole.
  if (id.length < 12) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskMobile(mobile: string): string {
  if (mobile.length >= 11) return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  // A 7–10 digit landline would show every digit around the four stars; keep only its last four.
  if (mobile.length >= 8) return `${'*'.repeat(mobile.length - 4)}${mobile.slice(-4)}`;
  return '*'.repeat(mobile.length);
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s/g, '');
  if (digits.length <= 4) return digits;
  return `**** **** ${digits.slice(-4)}`;
}
