// The syntax highlighter: highlight.js (the npm package's browser ES module build, copied
// into the hashed assets by build.sh as vendor/highlight/) with the grammars of a
// generated project's files. Loaded on demand by the code view, so the first paint of
// every page goes without it. Its HTML output is read by lib/hl-lines.js into text nodes.
import hljs from '../vendor/highlight/core.min.js';
import python from '../vendor/highlight/languages/python.min.js';
import yaml from '../vendor/highlight/languages/yaml.min.js';
import markdown from '../vendor/highlight/languages/markdown.min.js';
import json from '../vendor/highlight/languages/json.min.js';
import dockerfile from '../vendor/highlight/languages/dockerfile.min.js';
import ini from '../vendor/highlight/languages/ini.min.js';
import bash from '../vendor/highlight/languages/bash.min.js';
import sql from '../vendor/highlight/languages/sql.min.js';
import plaintext from '../vendor/highlight/languages/plaintext.min.js';
import { htmlToLines, textToLines } from './lib/hl-lines.js';

for (const [name, grammar] of Object.entries({ python, yaml, markdown, json, dockerfile, ini, bash, sql, plaintext })) {
  hljs.registerLanguage(name, grammar);
}

// Past this many characters a file is shown plain: highlighting it would stall the page.
const MAX_HIGHLIGHT = 300_000;

// Lines of {text, cls} segments; plain lines when the language is unknown or too large.
export function highlightLines(text, language) {
  if (!language || !hljs.getLanguage(language) || text.length > MAX_HIGHLIGHT) return textToLines(text);
  try {
    return htmlToLines(hljs.highlight(text, { language, ignoreIllegals: true }).value);
  } catch {
    return textToLines(text);
  }
}
