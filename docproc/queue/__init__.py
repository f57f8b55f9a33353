"""The queue service: scanning stations submit through RabbitMQ, workers publish verdicts.

Claim-check messages (files live in a blob store), at-least-once delivery with an
idempotence record, delay-queue retries, dead-lettering with a reason header.
"""
