import { isHan } from './zh';

/**
 * Whether a text asks about something rather than asks for something: "how many seats are
 * free?", "when does our membership expire", "who has a seat", "还剩几个席位", "什么时候到期".
 * Polite requests phrased as questions ("can I get a VS licence?", "能给我一个席位吗") are
 * requests: the bot confirms those before it acts, and answers these without acting.
 */

const EN_ASKING =
  /^(how (many|much|long|often|do|does|did|is|are|can|soon)|when|what|what's|whats|which|who|who's|whose|where|why|is|are|was|were|does|do|did|has|have|had|will|would it|should)\b/;
/** Asking for something, even with a question mark. */
const EN_REQUEST =
  /^(please|pls|can i|could i|may i|can we|could we|may we|can you|could you|would you|will you|i need|i want|i'd like|id like|we need|we want|give me|get me|request|assign|allocate|book|reserve|i would like|how (do|can) i (get|request|apply))\b/;
const ZH_ASKING =
  /(几|多少|什么时候|何时|哪天|哪些人|谁|哪一|哪个|是否|有没有|还剩|剩余|剩下|多久|多长时间|吗|么|呢|[?？]\s*$)/u;
const ZH_REQUEST =
  /^(请|麻烦|帮我|给我|我想|我要|我需要|我们想|我们要|我们需要|能不能给|可不可以给|能给我|可以给我|申请|分配)/u;

export function isQuestion(text: string): boolean {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  if (!t) return false;
  if (isHan(t)) {
    if (ZH_REQUEST.test(t)) return false;
    return ZH_ASKING.test(t);
  }
  if (EN_REQUEST.test(t)) return false;
  return EN_ASKING.test(t) || /\?\s*$/.test(t);
}
