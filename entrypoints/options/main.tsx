import { render } from 'preact';

function Options() {
  return (
    <main>
      <h1>DirectSeal</h1>
      <p>Direct secure health mail. Identity, trust anchors and contacts will be set up here.</p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
