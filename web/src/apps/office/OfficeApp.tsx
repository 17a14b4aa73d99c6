/** Placeholder until the office UI lands. */
export function OfficeApp() {
  return null;
}
