import { describe, expect, it } from '@jest/globals';
import { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } from '@actions/workflow-parser';
import { parser } from '@prometheus-io/lezer-promql';

describe('probe', () => {
  it('works', async () => {
    const content = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    bogus: 1\n    steps:\n    - run: echo hi\n      with: {a: 1}\n';
    const r = parseWorkflow({ name: 'ci.yml', content }, new NoOperationTraceWriter());
    const t = await convertWorkflowTemplate(r.context, r.value!);
    console.log(t.jobs?.length, r.context.errors.getErrors().map((e) => e.message));
    const tree = parser.parse('sum(rate(foo_bar{a="b"}[5m])) / on() group_left bad(');
    console.log(tree.toString());
    expect(1).toBe(1);
  });
});
