import * as path from 'node:path';
import { repoRoot } from '@lib/testing';
import type { ConsolePage } from './harness';

/** The text a person sees: visible text nodes, outside code/kbd/samp (identifiers shown as such on purpose). */
const VISIBLE_TEXT = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('code, kbd, samp, script, style, noscript, template')) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const t = n.textContent.trim();
    if (t) out.push(t);
  }
  return out;
})()`;

const AXE = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');
/**
 * Serious or critical axe-core violations of the page at rest. Running transitions and animations that
 * end (a tag turning from 离线 grey to 在线 green, a message fading in or out) are waited for first, so
 * colours are checked as a person sees them, not half-way; endless ones (a loading spinner) are not
 * waited for, and no wait is longer than 2 s. A transition that starts while axe reads the page (a
 * message's 3 s timer running out) makes its colours half-way again: the page is settled and read anew.
 */
const SERIOUS_A11Y = `(async () => {
  const ending = () => document.getAnimations()
    .filter((a) => a.playState === 'running' && Number.isFinite(a.effect ? a.effect.getComputedTiming().endTime : Infinity));
  const settle = () => Promise.race([
    Promise.all(ending().map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]);
  let result;
  for (let attempt = 0; attempt < 4; attempt++) {
    await settle();
    let moved = false;
    const onMove = () => { moved = true; };
    document.addEventListener('transitionrun', onMove, true);
    document.addEventListener('animationstart', onMove, true);
    try {
      result = await axe.run(document, { resultTypes: ['violations'] });
    } finally {
      document.removeEventListener('transitionrun', onMove, true);
      document.removeEventListener('animationstart', onMove, true);
    }
    if (!moved && ending().length === 0) break;
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.impact + ' ' + v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 160)).join(' | '));
})()`;

/** What must never be on screen, each with what it means. */
const FORBIDDEN_TEXT: Array<[RegExp, string]> = [
  [/\[object Object\]/, '[object Object]'],
  [/\bundefined\b/, 'undefined'],
  [/\bNaN\b/, 'NaN'],
  [/(?<![\w.-])(\d{12}|\d{9}|\d{6})(?![\w.-])/, 'a bare org-unit code'],
  [/\b[a-z]+_[a-z_]+\b/, 'an English enum value'],
];

/**
 * Everything wrong with the page as it is now: console errors and failed requests since the last
 * check, forbidden text, horizontal overflow on a phone, serious or critical axe-core violations.
 */
export async function problemsOf(cp: ConsolePage): Promise<string[]> {
  const problems = cp.takeProblems();
  const texts = await cp.page.evaluate<string[]>(VISIBLE_TEXT);
  for (const [re, what] of FORBIDDEN_TEXT) {
    const hit = texts.find((t) => re.test(t));
    if (hit) problems.push(`shows ${what}: "${hit.slice(0, 80)}"`);
  }
  if (cp.isPhone) {
    const [scroll, inner] = await cp.page.evaluate<[number, number]>(
      '[document.scrollingElement.scrollWidth, innerWidth]',
    );
    if (scroll > inner) problems.push(`scrolls sideways at ${inner} px (content ${scroll} px wide)`);
  }
  if (!(await cp.page.evaluate<boolean>("typeof window.axe !== 'undefined'")))
    await cp.page.addScriptTag({ path: AXE });
  problems.push(...(await cp.page.evaluate<string[]>(SERIOUS_A11Y)).map((v) => `accessibility: ${v}`));
  return problems;
}
