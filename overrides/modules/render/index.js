// One renderer per calculator: the core's result in, the result's elements out, the first of
// them the headline (announced to screen readers). A new calculator adds its module here.
import { bfrLoad } from "./bfr_load.js";
import { cuffPressure } from "./cuff_pressure.js";
import { screening } from "./screening.js";
import { sessionPlan } from "./session_plan.js";

export const RENDER = {
  bfr_load: bfrLoad,
  cuff_pressure: cuffPressure,
  screening,
  session_plan: sessionPlan,
};
