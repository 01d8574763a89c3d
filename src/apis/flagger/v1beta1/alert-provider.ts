import { type Static, Type } from '@sinclair/typebox';
import { kubeObjectFields, secretReference, stringEnum } from './k8s-schemas.js';

/** Chat services an AlertProvider can post to. */
export const AlertProviderTypes = ['slack', 'msteams', 'discord', 'rocket', 'gchat'] as const;
export type AlertProviderType = (typeof AlertProviderTypes)[number];

const alertProviderSpec = Type.Object(
  {
    // Optional here because upstream requires it only inside the oneOf; the type below restores it.
    type: Type.Optional(stringEnum(AlertProviderTypes, { description: 'Chat service.' })),
    channel: Type.Optional(Type.String({ description: 'Channel to post to; general by default.' })),
    username: Type.Optional(
      Type.String({ description: 'Name the messages are posted as; flagger by default.' }),
    ),
    address: Type.Optional(Type.String({ description: 'Hook URL.' })),
    proxy: Type.Optional(Type.String({ description: 'HTTP(S) proxy to reach the service through.' })),
    secretRef: Type.Optional(
      secretReference({ description: 'Secret with the hook URL under address (and an optional token).' }),
    ),
  },
  {
    description: 'Desired state of an AlertProvider.',
    oneOf: [{ required: ['type', 'address'] }, { required: ['type', 'secretRef'] }],
  },
);

/** `spec` of an AlertProvider: a chat service and either its hook address or a Secret holding it. */
export type AlertProviderSpec = Static<typeof alertProviderSpec> & { type: AlertProviderType };

/** Schema of {@link AlertProviderSpec}; both `oneOf` alternatives require `type`, so the type has it. */
export const AlertProviderSpecSchema = Type.Unsafe<AlertProviderSpec>(alertProviderSpec);

/** An AlertProvider: a notification channel that Canary alerts reference by `providerRef`. */
export const AlertProviderSchema = Type.Object(
  { ...kubeObjectFields(), spec: AlertProviderSpecSchema },
  { description: 'AlertProvider is a chat channel canary events are posted to.' },
);
export type AlertProvider = Static<typeof AlertProviderSchema>;
