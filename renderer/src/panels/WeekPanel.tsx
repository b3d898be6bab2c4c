// Week: plan the selected territory's week with the engine's `route` method; days as a list and
// as routes on the map.
import { useState } from 'react';
import type { RouteDay, RouteWeek, Tier } from '../../../workers/common/contract';
import {
  DEFAULT_CAPACITY,
  fieldHoursPerWeek,
  WORK_DAYS_PER_WEEK,
} from '../../../workers/common/contract/route';
import { DriveTimeSource } from '../components/DriveTimeSource';
import { NumberField } from '../components/fields';
import { fmt1, fmtPct, plural } from '../components/format';
import { runJob } from '../engine/calls';
import { frame } from '../map/viewSync';
import { ROUTE_DAY_COLORS, hex } from '../map/palette';
import { engine, getState, setState, useBusy, useStore } from '../state/store';

export function WeekPanel() {
  const scenario = useStore((s) => s.scenario);
  const selected = useStore((s) => s.selectedTerritory);
  const market = useStore((s) => s.market);
  const week = useStore((s) => s.week);
  const weekDay = useStore((s) => s.weekDay);
  const busy = useBusy();
  const [days, setDays] = useState(5);
  const [date, setDate] = useState(nextMonday());

  const plan = async () => {
    if (!scenario || !selected) return;
    const req = { scenario, territoryId: selected, days, date, ...(market ? { market } : {}) };
    const result = await runJob(`Week for ${selected}`, (opts) => engine().route(req, opts));
    if (!result) return;
    setState({ week: result, weekDay: null, layers: { ...getState().layers, routes: true } });
    frame(
      'main',
      result.days.flatMap((d) => [
        [d.start.lon, d.start.lat] as [number, number],
        ...d.stops.map((s) => [s.lon, s.lat] as [number, number]),
      ]),
    );
  };

  return (
    <div className="week">
      <section>
        <h3>Week plan {selected ? <span className="muted">· {selected}</span> : null}</h3>
        {!selected && <p className="muted">Select a territory (list or map) to plan its week.</p>}
        <div className="row">
          <NumberField label="Days" min={1} max={7} value={days} onChange={setDays} />
          <label className="inline">
            Starting
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
        </div>
        <button
          data-testid="plan-week"
          className="primary"
          disabled={!scenario || !selected || busy}
          onClick={() => void plan()}
        >
          {week && week.territoryId === selected ? 'Re-plan week' : 'Plan week'}
        </button>
      </section>
      {week && (
        <section data-testid="week-result">
          <div className="summary">
            {(['A', 'B', 'C'] as Tier[]).map((t) => (
              <div key={t} className="stat">
                <span>Tier {t} visits</span>
                <b>
                  {week.visitsMade[t]} / {fmt1(week.visitsDue[t])}
                </b>
              </div>
            ))}
            <div className="stat">
              <span>Drive share</span>
              <b>{fmtPct(week.driveShare)}</b>
            </div>
          </div>
          <FieldTime week={week} />
          <ol className="days">
            {week.days.map((d, i) => (
              <DayItem key={d.date} day={d} index={i} active={weekDay === i} />
            ))}
          </ol>
          <DriveTimeSource
            source={week.travelSource}
            warning={week.travelWarning}
            testId="week-travel-source"
          />
          {week.unscheduled.length > 0 && (
            <details>
              <summary>
                {plural(week.unscheduled.length, 'account')} not scheduled this week
              </summary>
              <ul className="small">
                {week.unscheduled.slice(0, 50).map((u) => (
                  <li key={u.npi}>
                    {u.npi}: {u.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * The plan fills whole working days; the capacity check (`tessera capacity`, the flags in the
 * capacity report) allows only the field share of the week. Say how this week compares, so the two
 * answers to "is this territory overloaded?" read as one.
 */
function FieldTime({ week }: { week: RouteWeek }) {
  if (!week.totals || week.days.length === 0) return null;
  const hours = (week.totals.visitMinutes + week.totals.driveMinutes) / 60;
  const perWeek = (hours * WORK_DAYS_PER_WEEK) / week.days.length;
  const field = fieldHoursPerWeek(DEFAULT_CAPACITY);
  const ratio = perWeek / field;
  return (
    <p className={`small ${ratio > 1 ? 'warn' : 'muted'}`} data-testid="week-field-time">
      Visits and driving: {fmt1(hours)} h
      {week.days.length !== WORK_DAYS_PER_WEEK
        ? ` (${fmt1(perWeek)} h a ${WORK_DAYS_PER_WEEK}-day week)`
        : ''}
      , {fmtPct(ratio)} of the {fmt1(field)} h of field time a week the capacity check allows (
      {DEFAULT_CAPACITY.hoursPerDay} h × {fmtPct(DEFAULT_CAPACITY.fieldShare)} ×{' '}
      {WORK_DAYS_PER_WEEK} days).
      {ratio > 1
        ? ' This plan fills the working days; a rep with the usual office, training and admin time cannot make all of it.'
        : ''}
    </p>
  );
}

function DayItem({ day, index, active }: { day: RouteDay; index: number; active: boolean }) {
  const color = hex(ROUTE_DAY_COLORS[index % ROUTE_DAY_COLORS.length]!);
  return (
    <li className={active ? 'active' : ''}>
      <button className="day-head" onClick={() => setState({ weekDay: active ? null : index })}>
        <i className="day-swatch" style={{ background: color }} />
        <b>
          {new Date(`${day.date}T12:00:00`).toLocaleDateString('en-US', {
            weekday: 'short',
            month: 'short',
            day: 'numeric',
          })}
        </b>
        <span className="muted small">
          {plural(day.stops.length, 'stop')} · {day.startTime}–{day.endTime} ·{' '}
          {Math.round(day.driveMinutes)} min / {Math.round(day.driveMiles)} mi driving (
          {fmtPct(day.driveShare)})
        </span>
      </button>
      {active && (
        <ol className="stops">
          {day.stops.map((s) => (
            <li key={`${s.npi}-${s.arrive}`}>
              <span className="time">{s.arrive}</span> <b>{s.name}</b>{' '}
              <span className={`tier-tag tier-${s.tier ?? 'none'}`}>{s.tier ?? '—'}</span>
              <span className="muted small">
                {' '}
                {Math.round(s.driveMinutes)} min drive
                {s.window ? ` · window ${s.window.open}–${s.window.close}` : ''}
              </span>
            </li>
          ))}
          {day.infeasible.map((x) => (
            <li key={x.npi} className="bad small">
              ⚠ {x.npi}: {x.reason}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

function nextMonday(): string {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}
