import type { KubeObject } from '../model/object.js';
import { DESC } from './descriptions.js';
import { at, int, list, str, strMap } from './fields.js';
import { formatLabelSelector, formatLabels, labelSelectorString } from './go-format.js';
import { AGE_COLUMN, ageOf, column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', 1);

/** `layoutContainerCells`: the template's container names and images, each joined by commas. */
export function containerCells(obj: KubeObject): [names: string, images: string] {
  const containers = list(obj, 'spec', 'template', 'spec', 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}

/** apps/v1 Deployment: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', DESC.depUpdatedReplicas),
    column('Available', 'string', DESC.depAvailableReplicas),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DESC.depSelector, 1),
  ],
  cells: (obj, now) => {
    const selector = labelSelectorString(at(obj, 'spec', 'selector'));
    return [
      nameOf(obj),
      `${int(obj, 'status', 'readyReplicas')}/${int(obj, 'spec', 'replicas')}`,
      int(obj, 'status', 'updatedReplicas'),
      int(obj, 'status', 'availableReplicas'),
      ageOf(obj, now),
      ...containerCells(obj),
      selector ?? '<invalid>',
    ];
  },
};

/** apps/v1 ReplicaSet: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DESC.rsReplicas),
    column('Current', 'integer', DESC.rsStatusReplicas),
    column('Ready', 'integer', DESC.rsReadyReplicas),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DESC.rsSelector, 1),
  ],
  cells: (obj, now) => [
    nameOf(obj),
    int(obj, 'spec', 'replicas'),
    int(obj, 'status', 'replicas'),
    int(obj, 'status', 'readyReplicas'),
    ageOf(obj, now),
    ...containerCells(obj),
    formatLabelSelector(at(obj, 'spec', 'selector')),
  ],
};

/** apps/v1 DaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DESC.dsDesiredNumberScheduled),
    column('Current', 'integer', DESC.dsCurrentNumberScheduled),
    column('Ready', 'integer', DESC.dsNumberReady),
    column('Up-to-date', 'integer', DESC.dsUpdatedNumberScheduled),
    column('Available', 'integer', DESC.dsNumberAvailable),
    column('Node Selector', 'string', DESC.podNodeSelector),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DESC.dsSelector, 1),
  ],
  cells: (obj, now) => [
    nameOf(obj),
    int(obj, 'status', 'desiredNumberScheduled'),
    int(obj, 'status', 'currentNumberScheduled'),
    int(obj, 'status', 'numberReady'),
    int(obj, 'status', 'updatedNumberScheduled'),
    int(obj, 'status', 'numberAvailable'),
    formatLabels(strMap(obj, 'spec', 'template', 'spec', 'nodeSelector')),
    ageOf(obj, now),
    ...containerCells(obj),
    formatLabelSelector(at(obj, 'spec', 'selector')),
  ],
};

/** apps/v1 StatefulSet: NAME READY AGE, wide CONTAINERS IMAGES. */
export const statefulSetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  cells: (obj, now) => [
    nameOf(obj),
    `${int(obj, 'status', 'readyReplicas')}/${int(obj, 'spec', 'replicas')}`,
    ageOf(obj, now),
    ...containerCells(obj),
  ],
};
