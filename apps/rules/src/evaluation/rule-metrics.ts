import { Counter } from 'prom-client';

/** Rule evaluations and alerts raised per rule, in /metrics (libs/service-kit metrics). */
const evaluations = new Counter({
  name: 'rules_evaluations_total',
  help: 'Rule evaluations that reached a verdict, by rule and result (holds, clear)',
  labelNames: ['rule', 'result'],
});
const raised = new Counter({
  name: 'rules_alerts_raised_total',
  help: 'Alerts raised, by rule',
  labelNames: ['rule'],
});
const resolved = new Counter({
  name: 'rules_alerts_resolved_total',
  help: 'Alerts resolved automatically (the condition cleared), by rule',
  labelNames: ['rule'],
});

export function countEvaluations(
  outcomes: Array<{ rule: { ruleId: string }; holds: boolean | null }>,
  raise: Array<{ ruleId: string }>,
  resolve: Array<{ ruleId: string }>,
) {
  for (const o of outcomes)
    if (o.holds !== null) evaluations.inc({ rule: o.rule.ruleId, result: o.holds ? 'holds' : 'clear' });
  for (const a of raise) raised.inc({ rule: a.ruleId });
  for (const a of resolve) resolved.inc({ rule: a.ruleId });
}
