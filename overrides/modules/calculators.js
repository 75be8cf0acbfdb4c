// The script of a calculator page without the session timer (the load and screening pages),
// bundled by hooks/bundles.py into one content-hashed file with everything it imports.
import { startCalculators } from "./page.js";

startCalculators();
