import { serveDist, launchBrowser } from './support.mjs';
const s = await serveDist(); const b = await launchBrowser();
for (const group of [0, 0]) {
const page = await (await b.newContext({bypassCSP:true, viewport:{width:1280,height:900}})).newPage();
await page.goto(s.origin+'/index.html'); await page.getByTestId('input-text').waitFor();
if (group) await page.addStyleTag({content: '.analyzed .paragraph{content-visibility:visible !important} .grp{content-visibility:auto; contain-intrinsic-block-size:auto 40em}'});
await page.getByTestId('file-input').setInputFiles('/tmp/long.txt');
await page.waitForFunction(()=>document.querySelectorAll('mark').length>1000,null,{polling:50, timeout:60000});
if (group) await page.evaluate((g)=>{ const a=document.querySelector('[data-testid=analyzed-text]'); const ps=[...a.children]; for(let i=0;i<ps.length;i+=g){const d=document.createElement('div'); d.className='grp'; a.insertBefore(d, ps[i]); for(const p of ps.slice(i,i+g)) d.appendChild(p);} }, group);
await page.waitForTimeout(500);
const times = await page.evaluate(() => new Promise((resolve) => {
        const article = document.querySelector('[data-testid=analyzed-text]');
        const times = []; let last = performance.now();
        const tick = (now) => { times.push(now - last); last = now; article.scrollTop += 60;
          if (times.length < 240) requestAnimationFrame(tick); else resolve(times.slice(1)); };
        requestAnimationFrame(tick); }));
times.sort((a,b)=>a-b);
console.log('group', group, 'median', times[120].toFixed(1), 'p95', times[228].toFixed(1), 'worst', times[238].toFixed(1));
await page.context().close();
}
await b.close(); s.server.close();
