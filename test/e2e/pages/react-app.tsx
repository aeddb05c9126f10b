// A React 19 app using confab/react, bundled by test/e2e/react.test.mjs: wrappers render the
// elements, pass a backend through <Provider>, and deliver typed events to onConfab* props.
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Provider, ForumFeed, QaBox } from '../../../src/react/index.js';
import { MemoryBackend } from '../../../src/backends/memory/index.js';

const backend = new MemoryBackend({ id: 'react-e2e' });
const seen: string[] = [];
(window as unknown as { __seen: string[] }).__seen = seen;

function App() {
  const [opened, setOpened] = React.useState<string | null>(null);
  return (
    <Provider backend={backend}>
      <p id="opened">{opened ?? 'none'}</p>
      <ForumFeed
        pageSize={5}
        onConfabLoad={(e) => seen.push(`load:${e.detail.what}`)}
        onConfabThreadOpen={(e) => {
          e.preventDefault(); // the app routes instead of opening inline
          setOpened(e.detail.id);
        }}
      />
      <QaBox onConfabLoad={(e) => seen.push(`qa:${e.detail.what}`)} />
    </Provider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
