/** Placeholder until this UI is built. */
export function ScreenApp() {
  return <main><h1>大屏</h1></main>;
}
