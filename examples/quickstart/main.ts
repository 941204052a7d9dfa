import { quickstart } from "./quickstart.js";

for (const line of await quickstart()) console.log(line);
