/** Synthetic credentials for the secrets tests: they have the shape of real ones and are not. */
export const FAKE = {
  awsKeyId: 'AKIAZ7Q3MPLR4TNW2XYV',
  githubToken: 'ghp_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae',
  slackToken: 'xoxb-2048-4096-Zq3vR8kLm2Nx7Tb4',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJ0In0.Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae',
  password: 'Zq3vR8kLm2',
} as const;

/** A pod with one container whose env list is `env` (a YAML flow sequence). */
export const podWithEnv = (env: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1
      env: ${env}`;
