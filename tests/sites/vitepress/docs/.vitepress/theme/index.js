// The README's VitePress recipe: one import line. The module is safe to import while
// VitePress renders the pages in Node; the elements come to life in the browser.
import DefaultTheme from 'vitepress/theme';
import 'cnn-elements';

export default DefaultTheme;
