import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, parseCronSchedule } from '../../../src/main/base/cron-schedule.js';

function parse(spec: string) {
  const result = parseCronSchedule(spec);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

describe('parseCronSchedule (robfig/cron v3 ParseStandard)', () => {
  it('expands ranges, steps, lists and names', () => {
    const schedule = parse('*/15 9-17 1,15 jan-mar mon-fri');
    expect([...schedule.minutes]).toEqual([0, 15, 30, 45]);
    expect([...schedule.hours]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...schedule.daysOfMonth]).toEqual([1, 15]);
    expect([...schedule.months]).toEqual([1, 2, 3]);
    expect([...schedule.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect(schedule.anyDayOfMonth).toBe(false);
  });

  it('reads N/step as N-max/step, and keeps the star bit for * and ?', () => {
    const schedule = parse('5/20 * ? * *');
    expect([...schedule.minutes]).toEqual([5, 25, 45]);
    expect(schedule.anyDayOfMonth).toBe(true);
    expect(schedule.anyDayOfWeek).toBe(true);
  });

  it('knows the descriptors', () => {
    expect([...parse('@hourly').minutes]).toEqual([0]);
    expect([...parse('@weekly').daysOfWeek]).toEqual([0]);
    expect(parse('@every 90s').everyMs).toBe(90_000);
    expect(parse('@every 10ms').everyMs).toBe(1000);
  });

  it.each<[string, string]>([
    ['', 'empty spec string'],
    ['1 2 3', 'expected exactly 5 fields, found 3: [1 2 3]'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['-5 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['@every 1x', 'failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
  ])('refuses %j: %s', (spec, error) => {
    expect(parseCronSchedule(spec)).toEqual({ ok: false, error });
  });

  it('takes a TZ= prefix with a known zone', () => {
    expect(parse('TZ=Asia/Taipei 0 9 * * *').timeZone).toBe('Asia/Taipei');
  });
});

describe('isKnownTimeZone (time.LoadLocation)', () => {
  it.each<[string, boolean]>([
    ['UTC', true],
    ['Asia/Taipei', true],
    ['America/New_York', true],
    ['america/new_york', false],
    ['Mars/Olympus', false],
  ])('%s → %s', (name, known) => {
    expect(isKnownTimeZone(name)).toBe(known);
  });
});
