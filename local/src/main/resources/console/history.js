// Reads an execution's history events (AWS's event types) into state occurrences: which state each event belongs
// to, when each state ran, what it took in and gave out, how often it was retried and how it ended.
import { toDate } from './dom.js';

const ATTEMPT = /(Scheduled)$|^(ParallelStateStarted|MapStateStarted)$/;
const FAILURE = /(Failed|TimedOut|Aborted)$/;

export function detailsOf(event) {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return key ? event[key] : null;
}

function time(event) {
  const date = toDate(event.timestamp);
  return date ? date.getTime() : 0;
}

/**
 * Incremental: {@code add(events)} takes the next page in ascending id order, and the getters read the result so
 * far, so the console can paint after the first page of a long history.
 */
export class HistoryModel {
  constructor(states) {
    this.states = states; // name -> {type, parent}
    this.events = [];
    this.occurrenceOf = new Map(); // event id -> occurrence
    this.occurrences = [];
    this.iterations = new Map(); // map occurrence id -> [{index, start, end, status}]
    this.open = new Map(); // state name -> open occurrences
    this.exited = new Set(); // ids of StateExited events
    this.startTime = null;
    this.endTime = null;
  }

  add(events) {
    for (const event of events) this.addOne(event);
  }

  addOne(event) {
    this.events.push(event);
    const t = time(event);
    if (this.startTime === null) this.startTime = t;
    this.endTime = t;
    const type = event.type;
    const details = detailsOf(event) || {};
    const previous = this.occurrenceOf.get(event.previousEventId);
    if (type.endsWith('StateEntered')) {
      const parent = this.enclosing(details.name, event);
      const occurrence = { id: event.id, name: details.name, type: type.replace(/StateEntered$/, ''), start: t,
        end: null, input: details.input, output: undefined, error: null, cause: null, attempts: 0,
        lastAttemptFailed: false, parent, events: [event] };
      this.occurrences.push(occurrence);
      this.occurrenceOf.set(event.id, occurrence);
      if (!this.open.has(details.name)) this.open.set(details.name, []);
      this.open.get(details.name).push(occurrence);
      return;
    }
    if (type.endsWith('StateExited')) {
      const list = this.open.get(details.name) || [];
      let occurrence = previous && previous.name === details.name && previous.end === null ? previous : null;
      if (!occurrence) occurrence = list.find((o) => o.end === null) || null;
      if (occurrence) {
        occurrence.end = t;
        occurrence.output = details.output;
        occurrence.events.push(event);
        this.occurrenceOf.set(event.id, occurrence);
        this.exited.add(event.id);
        list.splice(list.indexOf(occurrence), 1);
      }
      return;
    }
    if (type.startsWith('Execution')) {
      // A state still open when the execution ends was cut off; a redrive later enters it anew.
      if (/^Execution(Failed|Aborted|TimedOut)$/.test(type)) this.interruptOpen(t);
      return;
    }
    let owner = previous || null;
    const kind = type.startsWith('Map') ? 'Map' : type.startsWith('Parallel') ? 'Parallel' : null;
    if (kind) {
      // After a state inside the Map or Parallel exits, the next event of the enclosing state names that inner
      // state's exit as its previous event.
      if (owner && this.exited.has(event.previousEventId)) owner = owner.parent;
      while (owner && this.states.get(owner.name)?.type !== kind) owner = owner.parent;
      if (!owner && details.name) owner = this.lastOpen(details.name);
    }
    if (!owner) return;
    this.occurrenceOf.set(event.id, owner);
    owner.events.push(event);
    if (ATTEMPT.test(type)) {
      owner.attempts += 1;
      owner.lastAttemptFailed = false;
    } else if (FAILURE.test(type) && !type.startsWith('MapIteration')) {
      owner.lastAttemptFailed = true;
      owner.error = details.error ?? owner.error;
      owner.cause = details.cause ?? owner.cause;
    }
    if (type.startsWith('MapIteration')) this.iteration(owner, type, details, t);
  }

  interruptOpen(t) {
    for (const list of this.open.values()) {
      for (const occurrence of list) {
        occurrence.end = t;
        occurrence.interrupted = true;
      }
      list.length = 0;
    }
  }

  /** The occurrence of the Parallel or Map state that a newly entered state runs in, if any. */
  enclosing(name, event) {
    const parentName = this.states.get(name)?.parent;
    if (!parentName) return null;
    let candidate = this.occurrenceOf.get(event.previousEventId);
    while (candidate && candidate.name !== parentName) candidate = candidate.parent;
    return candidate || this.lastOpen(parentName);
  }

  lastOpen(name) {
    const list = this.open.get(name);
    return list && list.length ? list[list.length - 1] : null;
  }

  iteration(owner, type, details, t) {
    if (!this.iterations.has(owner.id)) this.iterations.set(owner.id, new Map());
    const byIndex = this.iterations.get(owner.id);
    const index = details.index ?? byIndex.size;
    let iteration = byIndex.get(index);
    if (!iteration) {
      iteration = { index, start: t, end: null, status: 'running' };
      byIndex.set(index, iteration);
    }
    if (type === 'MapIterationSucceeded') {
      iteration.end = t;
      iteration.status = 'succeeded';
    } else if (type === 'MapIterationFailed' || type === 'MapIterationAborted') {
      iteration.end = t;
      iteration.status = 'failed';
    }
  }

  statusOf(occurrence, executionRunning) {
    const retries = Math.max(0, occurrence.attempts - 1);
    if (occurrence.interrupted) return 'failed';
    if (occurrence.end !== null) {
      if (occurrence.lastAttemptFailed) return 'caught';
      return retries ? 'retried' : 'succeeded';
    }
    return executionRunning ? 'running' : 'failed';
  }

  /** Per state name: {status, retries, entered}; states never entered are absent. */
  statuses(executionStatus) {
    const running = executionStatus === 'RUNNING';
    const rank = { running: 5, failed: 4, caught: 3, retried: 2, succeeded: 1 };
    const result = new Map();
    for (const occurrence of this.occurrences) {
      const status = this.statusOf(occurrence, running);
      const entry = result.get(occurrence.name) || { status, retries: 0, entered: 0 };
      // Across Map iterations the worst outcome shows; a state entered again in sequence (a loop, a redrive)
      // shows how it last ended.
      if (this.inMap(occurrence) ? rank[status] > rank[entry.status] : true) entry.status = status;
      entry.retries += Math.max(0, occurrence.attempts - 1);
      entry.entered += 1;
      entry.iterations = (entry.iterations || 0) + (this.iterations.get(occurrence.id)?.size || 0);
      result.set(occurrence.name, entry);
    }
    return result;
  }

  /** The last occurrence of {@code name}, whose input, output and error the console shows. */
  last(name) {
    for (let i = this.occurrences.length - 1; i >= 0; i--) {
      if (this.occurrences[i].name === name) return this.occurrences[i];
    }
    return null;
  }

  eventsOf(name) {
    return this.events.filter((event) => this.occurrenceOf.get(event.id)?.name === name);
  }

  stateNameOf(event) {
    return this.occurrenceOf.get(event.id)?.name || '';
  }

  /** Whether the occurrence runs inside a Map iteration, where the timeline collapses it into its Map's row. */
  inMap(occurrence) {
    for (let p = occurrence.parent; p; p = p.parent) {
      if (this.states.get(p.name)?.type === 'Map') return true;
    }
    return false;
  }
}
