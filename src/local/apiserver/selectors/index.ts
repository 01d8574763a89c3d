export {
  assertFieldsSupported,
  escapeFieldValue,
  type FieldOperator,
  type FieldRequirement,
  type FieldSelector,
  fieldSelectorToString,
  matchesFields,
  parseFieldSelector,
  unescapeFieldValue,
} from './field-selector.js';
export { type LabelOperator, type LabelRequirement, requirementMatches } from './label-requirement.js';
export {
  everything,
  isEverything,
  type LabelSelector,
  type LabelSelectorSpec,
  labelSelectorFromSpec,
  labelSelectorToString,
  matchesLabels,
  nothing,
  selectorFromSet,
} from './label-selector.js';
export { parseLabelSelector } from './label-selector-parser.js';
export { validateLabelName, validateLabelSelectorSpec, validateLabels } from './label-selector-validation.js';
export { dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './label-validation.js';
export { customResourceFields, objectFields, supportedFieldLabels } from './object-fields.js';
