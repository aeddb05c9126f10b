// A Vite + React 19 app using the wrappers from confab/react, on the in-browser MemoryBackend.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider, ForumFeed, QaBox } from 'confab/react';
import { MemoryBackend } from 'confab';

const backend = new MemoryBackend();

function App() {
  const [opened, setOpened] = useState<string>();
  return (
    <Provider backend={backend}>
      <p data-testid="opened">{opened ? `Opened ${opened}` : 'Nothing opened yet'}</p>
      <ForumFeed pageSize={5} sort="latest" onConfabThreadOpen={(e) => setOpened(e.detail.id)} />
      <QaBox />
    </Provider>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
