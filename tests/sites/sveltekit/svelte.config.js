import adapter from '@sveltejs/adapter-static';

// Prerendered to static files, served under /course/ as the other test sites are.
export default {
  kit: {
    adapter: adapter(),
    paths: { base: '/course' },
  },
};
