import { css } from 'lit';
import { controlStyles } from './controls.styles.js';

/**
 * Styles every element shares: the theme tokens (CSS custom properties), the
 * frame, the backend badge, the error box, a visible focus ring and the controls.
 */
export const sharedStyles = css`
  ${controlStyles}
  :host {
    /* Light or dark as the page's colour scheme says, as the browser's own controls are:
       light on a page that declares none, dark under a dark mode that sets
       "color-scheme: dark" (VitePress and Docusaurus do with their toggles), the reader's
       choice on a page that declares "light dark". Not the reader's system setting on its
       own: that would put a dark box on a light-only course page. */
    --_accent: var(--cnn-accent, light-dark(#2563eb, #60a5fa));
    --_fg: var(--cnn-fg, light-dark(#1f2937, #e5e7eb));
    --_bg: var(--cnn-bg, light-dark(#ffffff, #111827));
    --_muted: var(--cnn-muted, light-dark(#4b5563, #9ca3af));
    --_border: var(--cnn-border, light-dark(#d1d5db, #374151));
    --_error: var(--cnn-error, light-dark(#b91c1c, #f87171));
    --_radius: var(--cnn-radius, 8px);
    --_focus: var(--cnn-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    /* Left to right on any page: the words are English, and a kernel, a pooled map or a
       network's layers must read as the pictures beside them do. On a right-to-left page
       they would otherwise come out mirrored (a Sobel-x kernel reading backwards). */
    direction: ltr;
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--cnn-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cnn-font-size, max(14px, 0.875rem));
    line-height: 1.4;
  }
  /* A browser without light-dark() (before Chrome 123, Firefox 120, Safari 17.5) keeps the light theme. */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      --_accent: var(--cnn-accent, #2563eb);
      --_fg: var(--cnn-fg, #1f2937);
      --_bg: var(--cnn-bg, #ffffff);
      --_muted: var(--cnn-muted, #4b5563);
      --_border: var(--cnn-border, #d1d5db);
      --_error: var(--cnn-error, #b91c1c);
    }
  }
  /* Forced colours (Windows' contrast themes and the like) repaint text, borders and
     backgrounds in the reader's palette and drop box-shadows. The tokens become that
     palette's system colours, for what opts out of the repaint because it carries data. */
  @media (forced-colors: active) {
    :host {
      --_accent: Highlight;
      --_fg: CanvasText;
      --_bg: Canvas;
      --_muted: GrayText;
      --_border: CanvasText;
      --_error: CanvasText;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  figure {
    margin: 0;
    display: grid;
    gap: 4px;
  }
  figcaption {
    color: var(--_muted);
  }
  .frame {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 12px;
    display: grid;
    /* One column that may shrink below its content, so a wide map scrolls in its own box
       instead of widening the page (grid items default to their min-content width). */
    grid-template-columns: minmax(0, 1fr);
    gap: 10px;
  }
  fieldset {
    /* Browsers give fieldsets min-inline-size: min-content, which pushes phones sideways. */
    min-inline-size: 0;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  @media (forced-colors: active) {
    /* The ring is a box-shadow, which forced colours drop: an outline in the palette's highlight instead. */
    :focus-visible,
    .file-button:focus-within,
    .file:focus-within span {
      outline: 3px solid Highlight;
      outline-offset: 2px;
    }
    /* Probability bars are data: drawn in the palette's colours, not repainted away. */
    .bar,
    .bar span {
      forced-color-adjust: none;
    }
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  select,
  label {
    /* A select is as wide as its longest option; on a phone it shrinks instead. */
    max-width: 100%;
    min-width: 0;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .download {
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .download progress {
    width: 6em;
    accent-color: var(--_accent);
  }
  .badge {
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 1px 8px;
    white-space: nowrap;
  }
  .error {
    border-left: 4px solid var(--_error);
    padding: 6px 10px;
    color: var(--_error);
    background: color-mix(in srgb, var(--_error) 8%, transparent);
    white-space: pre-line;
    /* URLs and JSON in a message break rather than widen a phone's page. */
    overflow-wrap: anywhere;
  }
  /* The colour legend under a feature map (vis/feature-map.ts draws it 320×34): its box is
     reserved before the first drawing, which would otherwise start as a 300×150 SVG. */
  .legend {
    width: min(100%, 320px);
    height: auto;
    aspect-ratio: 320 / 34;
    color: var(--_muted);
    font-size: 11px;
    line-height: 1.2;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
