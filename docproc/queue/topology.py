"""Declare exchanges and queues idempotently (``docproc queue setup``; the worker does it too).

submissions exchange (direct) --submission--> work queue (quorum, delivery limit, DLX)
work queue --worker--> verdicts exchange (topic, verdict.<status>) --> verdicts queue (optional)
worker retry --> <work>.retry.N (TTL) --expires--> default exchange --> work queue
worker dead-letter / delivery limit --> dead-letter exchange (fanout) --> dead-letter queue
"""

from __future__ import annotations

from dataclasses import dataclass

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue

from docproc.queue.config import QueueSettings


@dataclass
class Topology:
    submissions: AbstractExchange
    verdicts: AbstractExchange
    dead_letters: AbstractExchange
    work_queue: AbstractQueue
    dead_letter_queue: AbstractQueue


async def declare_topology(channel: AbstractChannel, settings: QueueSettings) -> Topology:
    submissions = await channel.declare_exchange(
        settings.submissions_exchange, aio_pika.ExchangeType.DIRECT, durable=True
    )
    verdicts = await channel.declare_exchange(settings.verdicts_exchange, aio_pika.ExchangeType.TOPIC, durable=True)
    dead_letters = await channel.declare_exchange(
        settings.dead_letter_exchange, aio_pika.ExchangeType.FANOUT, durable=True
    )
    dead_letter_queue = await channel.declare_queue(
        settings.dead_letter_queue, durable=True, arguments={"x-queue-type": "quorum"}
    )
    await dead_letter_queue.bind(dead_letters, routing_key="")
    work_queue = await channel.declare_queue(
        settings.submissions_queue,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": settings.delivery_limit,
            "x-dead-letter-exchange": settings.dead_letter_exchange,
        },
    )
    await work_queue.bind(submissions, routing_key=settings.submissions_routing_key)
    for name, delay in zip(settings.retry_queue_names, settings.retry_delays_s, strict=True):
        await channel.declare_queue(
            name,
            durable=True,
            arguments={
                "x-message-ttl": int(delay * 1000),
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": settings.submissions_queue,
            },
        )
    if settings.verdicts_queue:
        verdicts_queue = await channel.declare_queue(
            settings.verdicts_queue, durable=True, arguments={"x-queue-type": "quorum"}
        )
        await verdicts_queue.bind(verdicts, routing_key="verdict.#")
    return Topology(submissions, verdicts, dead_letters, work_queue, dead_letter_queue)


async def connect(settings: QueueSettings, robust: bool = True) -> aio_pika.abc.AbstractConnection:
    options: dict[str, object] = {"heartbeat": settings.heartbeat_s}
    if robust:
        options["reconnect_interval"] = settings.reconnect_interval_s
        return await aio_pika.connect_robust(
            settings.url,
            ssl_context=settings.ssl_context(),
            client_properties={"connection_name": "docproc"},
            **options,
        )
    return await aio_pika.connect(
        settings.url, ssl_context=settings.ssl_context(), client_properties={"connection_name": "docproc"}, **options
    )


async def setup(settings: QueueSettings) -> None:
    connection = await connect(settings, robust=False)
    async with connection:
        channel = await connection.channel()
        await declare_topology(channel, settings)
