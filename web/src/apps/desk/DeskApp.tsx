/** Placeholder until the desk UI lands. */
export function DeskApp() {
  return null;
}
