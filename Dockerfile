# tcmatch: build a release binary, run it on a slim image.
FROM rust:1-bookworm AS build
# pq-sys compiles libpq in and links the system OpenSSL.
RUN apt-get update && apt-get install -y --no-install-recommends libssl-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY .cargo ./.cargo
COPY src ./src
COPY benches ./benches
COPY migrations ./migrations
COPY data ./data
RUN cargo build --release --locked && strip target/release/tcmatch

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 ca-certificates curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/tcmatch --create-home tcmatch
COPY --from=build /src/target/release/tcmatch /usr/local/bin/tcmatch
USER tcmatch
WORKDIR /var/lib/tcmatch
ENV TCMATCH_BIND=0.0.0.0:8080 \
    DATABASE_URL=sqlite:///var/lib/tcmatch/data/tcmatch.db \
    TCMATCH_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["tcmatch"]
CMD ["serve"]
