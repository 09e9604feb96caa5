// A minimal Docusaurus 3 site: two MDX pages, no docs or blog. Nothing for cnn-elements here.
export default {
  title: 'CNN course',
  url: 'http://localhost',
  baseUrl: '/course/',
  onBrokenLinks: 'throw',
  presets: [['classic', { docs: false, blog: false, theme: {} }]],
};
