// Tailwind 4 runs as a single PostCSS plugin; there is no tailwind.config.js —
// the theme lives in app/globals.css (@theme).
export default {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};
