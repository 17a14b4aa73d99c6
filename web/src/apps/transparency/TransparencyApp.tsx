/** Placeholder until this UI is built. */
export function TransparencyApp() {
  return <main><h1>阳光政务</h1></main>;
}
