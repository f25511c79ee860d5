// Keeps careersite's build cache between Netlify builds, so a deploy after a small edit rebuilds
// only what the edit touched. Netlify starts every build from a fresh clone; this plugin copies
// .careersite-cache/ and the publish folder (output/) back from Netlify's build cache before the
// build command, and into it after a build that succeeded (a failed build saves nothing).
//
// careersite decides what it may trust, not this plugin: a cache made by another careersite,
// Python, library or Pagefind is not used (a cold build), files restored with new times are
// read or hashed again, never trusted by their times. Netlify's "Clear cache and deploy site"
// empties the build cache: the next build is cold.
//
// Plain CommonJS with no dependencies: Netlify runs it as it is, with nothing installed from npm.

const CACHE = ".careersite-cache";

// The folders kept: careersite's cache, and the output it describes (without it every page would
// be rendered again). `constants.PUBLISH_DIR` is netlify.toml's `publish`.
function cachedPaths(constants) {
  return [CACHE, constants.PUBLISH_DIR];
}

module.exports = {
  cachedPaths,

  async onPreBuild({ constants, utils }) {
    const paths = cachedPaths(constants);
    if (await utils.cache.restore(paths)) {
      console.log(`careersite-cache: restored ${paths.join(" and ")} from Netlify's build cache`);
    } else {
      console.log("careersite-cache: nothing in Netlify's build cache yet: this build is cold");
    }
  },

  async onPostBuild({ constants, utils }) {
    const paths = cachedPaths(constants);
    if (await utils.cache.save(paths)) {
      console.log(`careersite-cache: saved ${paths.join(" and ")} to Netlify's build cache`);
    }
  },
};
