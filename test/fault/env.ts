/**
 * The fault suite's own infrastructure (deploy/local/instance.sh): ports apart from the shared servers, so
 * the suite may stop, kill and restart its servers without disturbing anyone. Set before any test module
 * reads them (libs/testing's `infra` is computed when it loads).
 */
export const faultPorts = {
  kafka: Number(process.env.FAULT_KAFKA_PORT ?? 19192),
  kafkaController: Number(process.env.FAULT_KAFKA_CONTROLLER_PORT ?? 19193),
  postgres: Number(process.env.FAULT_PG_PORT ?? 15532),
  mongo: Number(process.env.FAULT_MONGO_PORT ?? 17017),
  redis: Number(process.env.FAULT_REDIS_PORT ?? 16379),
};

process.env.KAFKA_BROKERS = `127.0.0.1:${faultPorts.kafka}`;
process.env.MONGO_URL = `mongodb://127.0.0.1:${faultPorts.mongo}`;
process.env.REDIS_URL = `redis://127.0.0.1:${faultPorts.redis}`;
// fourteen apps start at once here: give each longer than an e2e spec's single set
process.env.APP_START_TIMEOUT_MS ??= '300000';
