/**
 * Takes a PNG of each step of both sign-in flows on the demo page, as `npm start` serves it:
 *
 *   npx tsx test/runner-support/capture-demo-screenshots.ts [output folder, default ./screenshots]
 *
 * Runs the start script on free ports, so it does not disturb a demo already running on 8000/9229.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startDemo } from './demo-process.ts';
import { launchChromium, signInOnDemo, type DemoSignIn } from './demo-browser.ts';

const outputDir = resolve(process.argv[2] ?? 'screenshots');

const runs: ReadonlyArray<{ readonly name: string } & DemoSignIn> = [
  { name: 'passwordless', flow: 'custom-without-srp', username: 'alice@example.com' },
  { name: 'srp', flow: 'custom-with-srp', username: 'bob@example.com', password: 'Correct-Horse-42' },
];
const momentNumbers = { username: 1, challenge: 2, 'wrong-code': 3, 'signed-in': 4 } as const;

await mkdir(outputDir, { recursive: true });
const demo = await startDemo({ PORT: '0', COGNITO_PORT: '0' });
const browser = await launchChromium();
try {
  for (const { name, ...signIn } of runs) {
    // A fresh profile per flow: no tokens left over from the previous sign-in.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const result = await signInOnDemo(page, demo, {
      ...signIn,
      at: async (moment, shown) => {
        const file = join(outputDir, `${name}-${momentNumbers[moment]}-${moment}.png`);
        await shown.screenshot({ path: file as `${string}.png`, fullPage: true });
        console.log(`saved ${file}`);
      },
    });
    console.log(
      `${name}: wrong code said "${result.wrongCodeMessage}"; signed in as ${result.claims['cognito:username']}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await demo.stop();
}
