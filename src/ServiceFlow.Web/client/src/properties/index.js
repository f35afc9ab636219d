import ServiceFlowPropertiesProvider from './ServiceFlowPropertiesProvider';

export default {
  __init__: ['serviceFlowPropertiesProvider'],
  serviceFlowPropertiesProvider: ['type', ServiceFlowPropertiesProvider]
};
