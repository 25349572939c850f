/** core/v1 NodeSelector matching, for NodeAffinity and VolumeBinding: the shared one in base/. */
export { nodeSelectorMatches, termMatches } from '../../../base/node-selector.js';
export type { NodeSelector, NodeSelectorTerm } from '../../../base/node-selector.js';
