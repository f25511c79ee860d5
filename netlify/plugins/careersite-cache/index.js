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
// After the deploy is live (onSuccess), it runs `careersite notify`: Google's Indexing API and
// IndexNow are told which postings were added, changed or removed. Not from the build command: a
// search engine told before the deploy is live would fetch the old page (or a 404 for a new
// posting) and spend the notification on it. Only production deploys tell (a deploy preview's
// pages are not the site's). What was told is kept in .careersite-cache/notify.json, saved to the
// build cache again afterwards. A failure is logged and never fails the deploy: it is live already.
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

  async onSuccess({ constants, utils }) {
    if (process.env.CONTEXT !== "production") {
      console.log(`careersite-cache: a ${process.env.CONTEXT || "local"} deploy: no search engine is told (production deploys only)`);
      return;
    }
    try {
      await utils.run("careersite", ["notify", "--output", constants.PUBLISH_DIR]);
    } catch (error) {
      console.log(`careersite-cache: careersite notify did not finish (${error.shortMessage || error.message}); the deploy is live all the same`);
    }
    if (await utils.cache.save([CACHE])) {
      console.log(`careersite-cache: saved ${CACHE} (what search engines were told) to Netlify's build cache`);
    }
  },
};
