/**
 * STYLE.md: "no boolean positional arguments". A reader of `render(series, true, false)` cannot
 * tell what the flags mean; an options object names them. This rule flags
 * - a parameter typed `boolean` (or defaulted to `true`/`false`) in a function that takes more
 *   than one parameter, and
 * - a `true`/`false` literal passed positionally to a plain function call (`f(x, true)`), where
 *   the callee is one of ours rather than a method of a platform object.
 */
const isBooleanLiteral = (node) => node?.type === 'Literal' && typeof node.value === 'boolean';

function isBooleanParameter(param) {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (param.type === 'AssignmentPattern' && isBooleanLiteral(param.right)) return true;
  const annotation = target.typeAnnotation?.typeAnnotation;
  return annotation?.type === 'TSBooleanKeyword';
}

/** @type {import('eslint').Rule.RuleModule} */
export const noBooleanPositional = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Disallow boolean positional parameters and arguments' },
    messages: {
      parameter: 'Boolean positional parameter `{{name}}`: take an options object instead.',
      argument: 'Boolean literal passed positionally to `{{name}}`: pass a named option instead.',
    },
    schema: [],
  },
  create(context) {
    function checkFunction(node) {
      if (node.params.length < 2) return;
      for (const param of node.params) {
        if (!isBooleanParameter(param)) continue;
        const target = param.type === 'AssignmentPattern' ? param.left : param;
        const name = target.type === 'Identifier' ? target.name : '?';
        context.report({ node: param, messageId: 'parameter', data: { name } });
      }
    }
    return {
      FunctionDeclaration: checkFunction,
      FunctionExpression: checkFunction,
      ArrowFunctionExpression: checkFunction,
      CallExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        for (const argument of node.arguments) {
          if (!isBooleanLiteral(argument)) continue;
          context.report({
            node: argument,
            messageId: 'argument',
            data: { name: node.callee.name },
          });
        }
      },
    };
  },
};
