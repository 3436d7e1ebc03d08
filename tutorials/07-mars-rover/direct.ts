// tutorials/07-mars-rover/direct.ts — call getMarsPhoto for each sol given, one after the other, here.
//   npx tsx tutorials/07-mars-rover/direct.ts 1000 1001 1002
import { getMarsPhoto } from "./mars.js";

const start = performance.now();
for (const sol of process.argv.slice(2).map(Number)) await getMarsPhoto(sol); // the caller waits for each
console.log(`took ${Math.round(performance.now() - start)} ms`);
