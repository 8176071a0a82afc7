// ISO-8601 durations as Vigil writes them (PT4H, PT1H30M) and the hours number inputs show.

// PT4H, PT1H30M, PT45M as hours (4, 1.5, 0.75), for a number input; '' for none.
export function hours(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso || '');
  return m ? Number(m[1] || 0) + Number(m[2] || 0) / 60 : '';
}

// A number input's hours as an ISO-8601 duration in whole minutes (1.5 → PT90M); none when empty.
export function duration(hoursValue) {
  return hoursValue === '' ? undefined : `PT${Math.round(Number(hoursValue) * 60)}M`;
}
