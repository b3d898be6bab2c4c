// Whether a rep can work a territory, in plain words for the pack's overview: a balanced index says
// nothing about a territory whose accounts are hours from home or whose week cannot hold its calls.

/** Mean home → account drive above which a territory is flagged (one way, minutes, workload-weighted). */
export const MEAN_DRIVE_LIMIT_MIN = 60;

export type WorkableInput = {
  travelMeanMin: number;
  workloadHours: number;
  capacityHours: number;
  /** Due and planned visits of the exported week plan, when one was made. */
  week: { due: number; made: number } | null;
  /** true / false when the home base is known, null when the territory has no home on file. */
  homeInside: boolean | null;
  homeLabel: string;
};

export type Workable = { ok: boolean; problems: string[]; summary: string };

const int = (x: number) => Math.round(x).toLocaleString('en-US');

export function workability(w: WorkableInput, limitMin = MEAN_DRIVE_LIMIT_MIN): Workable {
  const problems: string[] = [];
  if (w.travelMeanMin > limitMin) {
    problems.push(
      `Accounts are on average ${int(w.travelMeanMin)} minutes' drive from the home base, over the ${limitMin}-minute limit: most calls cannot be reached and returned from in a day.`,
    );
  }
  if (w.week && w.week.due > 0 && w.week.made < w.week.due) {
    problems.push(
      `The week plan fits ${int(w.week.made)} of the ${int(w.week.due)} visits due (${Math.round((100 * w.week.made) / w.week.due)} %): the territory holds more calls than a working week.`,
    );
  }
  if (w.capacityHours > 0 && w.workloadHours > w.capacityHours) {
    problems.push(
      `The call plan needs ${int(w.workloadHours)} hours a year against ${int(w.capacityHours)} hours of capacity (${Math.round((100 * w.workloadHours) / w.capacityHours)} %).`,
    );
  }
  if (w.homeInside === false)
    problems.push(`The rep's home base (${w.homeLabel}) is outside the territory.`);
  const summary = problems.length
    ? `NOT WORKABLE as drawn — ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} below.`
    : `Workable: mean drive ${int(w.travelMeanMin)} min (limit ${limitMin})${w.week ? `, the week plan fits all ${int(w.week.due)} due visits` : ''}${w.homeInside ? ', home base inside the territory' : ''}.`;
  return { ok: problems.length === 0, problems, summary };
}
