export interface SetExpression {
  readonly sets: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * `SET` clauses for the defined fields, each through a name placeholder (`error` and `status` are
 * DynamoDB reserved words), added to what the caller already has in `base`.
 */
export function setExpression(fields: Readonly<Record<string, unknown>>, base: SetExpression): SetExpression {
  const sets = [...base.sets];
  const names = { ...base.names };
  const values = { ...base.values };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    sets.push(`#${name} = :${name}`);
    values[`:${name}`] = value;
  }
  return { sets, names, values };
}
