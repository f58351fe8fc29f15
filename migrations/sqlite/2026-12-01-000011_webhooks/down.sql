DROP TABLE webhook_matches;
DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
