// The stand-in for MyST's book theme: a React page that fetches each page's content (the AST
// `myst build --site` wrote) and renders it, each {anywidget} node with the theme's own
// renderer (@myst-theme/anywidget), and that follows the site's links without reloading, as
// the theme does. Only text, headings, links and widgets are drawn: the pages hold no more.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ANY_RENDERERS } from '@myst-theme/anywidget';

const AnyWidget = ANY_RENDERERS.anywidget;

const slugOf = (path) => path.replace(/^\/+|\/+$/g, '') || 'index';

function Node({ node, navigate }) {
  const children = (node.children ?? []).map((child, i) => (
    <Node key={child.key ?? i} node={child} navigate={navigate} />
  ));
  switch (node.type) {
    case 'text':
      return node.value;
    case 'paragraph':
      return <p>{children}</p>;
    case 'heading': {
      const H = `h${Math.min(6, node.depth + 1)}`;
      return <H>{children}</H>;
    }
    case 'inlineCode':
      return <code>{node.value}</code>;
    case 'link':
      return (
        <a
          href={node.url}
          onClick={(e) => {
            if (!node.internal) return;
            e.preventDefault();
            navigate(node.url);
          }}
        >
          {children}
        </a>
      );
    case 'anywidget':
      return <AnyWidget node={node} />;
    default:
      return <>{children}</>;
  }
}

function Site() {
  const [path, setPath] = useState(location.pathname);
  const [page, setPage] = useState(null);
  useEffect(() => {
    const back = () => setPath(location.pathname);
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  useEffect(() => {
    let current = true;
    fetch(`/content/${slugOf(path)}.json`)
      .then((r) => r.json())
      .then((content) => current && setPage(content));
    return () => {
      current = false;
    };
  }, [path]);
  const navigate = (url) => {
    history.pushState(null, '', url);
    setPath(url);
  };
  if (!page) return <p>Loading…</p>;
  return (
    <main key={page.slug}>
      <h1>{page.frontmatter?.title}</h1>
      <Node node={page.mdast} navigate={navigate} />
    </main>
  );
}

createRoot(document.getElementById('site')).render(<Site />);
