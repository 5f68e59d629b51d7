/**
 * What a person can press on a rendered card, and the data Teams would send for each press.
 *
 * Teams (Adaptive Cards 1.5) gathers, for an Action.Execute or Action.Submit, the current values
 * of the inputs of the card that holds the action and of every card around it (an action inside
 * an Action.ShowCard also sends the outer card's inputs); the action's own `data` is the base and
 * the inputs are written over it. `associatedInputs: "none"` sends the data alone, and a card's
 * `refresh` action sends its data alone.
 */

export interface CardPress {
  type: 'Action.Execute' | 'Action.Submit';
  title: string;
  verb?: string;
  /** What Teams sends: the action's data with the gathered input values written over it. */
  data: Record<string, unknown>;
  /** Where the action sits, for failure messages. */
  path: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value a person would leave in the input: its default, else a plausible pick. */
export function pickedValue(input: Json): unknown {
  if (input.value !== undefined && input.value !== '') return input.value;
  switch (input.type) {
    case 'Input.ChoiceSet': {
      const choices = Array.isArray(input.choices) ? (input.choices as Json[]) : [];
      return choices.length > 0 ? String(choices[0].value) : '';
    }
    case 'Input.Date':
      return '2027-03-15';
    case 'Input.Time':
      return '10:30';
    case 'Input.Number':
      return String(typeof input.min === 'number' ? input.min : 1);
    case 'Input.Toggle':
      return typeof input.valueOn === 'string' ? input.valueOn : 'true';
    default: {
      const id = typeof input.id === 'string' ? input.id.toLowerCase() : '';
      if (id.includes('email')) return 'someone@contoso.example';
      if (id.includes('phone')) return '+1 425 555 0100';
      return 'Needed for the next project';
    }
  }
}

/** The inputs of one card scope: its own, not those of show-cards nested in it. */
function inputsOf(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    for (const n of node) inputsOf(n, out);
    return out;
  }
  if (!isObject(node)) return out;
  if (node.type === 'Action.ShowCard') return out;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string')
    out.push(node);
  for (const [key, value] of Object.entries(node)) if (key !== 'refresh') inputsOf(value, out);
  return out;
}

/** Every pressable Execute / Submit action of a card, with the data Teams would send for it. */
export function cardPresses(card: Json): CardPress[] {
  const presses: CardPress[] = [];
  const visitScope = (scope: Json, outer: Record<string, unknown>, path: string) => {
    const values = { ...outer };
    for (const input of inputsOf(scope.body ?? [])) values[String(input.id)] = pickedValue(input);
    for (const input of inputsOf(scope.actions ?? [])) values[String(input.id)] = pickedValue(input);
    const visit = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${at}[${i}]`));
      if (!isObject(node)) return;
      if (node.type === 'Action.ShowCard' && isObject(node.card)) {
        visitScope(node.card, values, `${at}.card`);
        return;
      }
      if (node.type === 'Action.Execute' || node.type === 'Action.Submit') {
        const own = isObject(node.data) ? node.data : {};
        const gathered = node.associatedInputs === 'none' ? {} : values;
        presses.push({
          type: node.type,
          title: typeof node.title === 'string' ? node.title : '',
          verb: typeof node.verb === 'string' ? node.verb : undefined,
          data: { ...own, ...gathered },
          path: at,
        });
      }
      for (const [key, value] of Object.entries(node)) if (key !== 'card') visit(value, `${at}.${key}`);
    };
    visit(scope.body ?? [], `${path}.body`);
    visit(scope.actions ?? [], `${path}.actions`);
  };
  visitScope(card, {}, '$');
  const refresh = isObject(card.refresh) ? card.refresh.action : undefined;
  if (isObject(refresh) && refresh.type === 'Action.Execute')
    presses.push({
      type: 'Action.Execute',
      title: 'refresh',
      verb: typeof refresh.verb === 'string' ? refresh.verb : undefined,
      data: isObject(refresh.data) ? refresh.data : {},
      path: '$.refresh.action',
    });
  return presses;
}
