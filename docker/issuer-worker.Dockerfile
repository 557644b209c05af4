# issuer-worker — Signs certificates; needs EVENTCA_CUSTODY_KEK at run time (never baked into the image).
# Build the jar first (./mvnw -B -ntp -DskipTests package), then: docker build -f docker/issuer-worker.Dockerfile .
FROM eclipse-temurin:17-jre
WORKDIR /deployments
# Dependencies change less often than the application: separate layers keep rebuilds small.
COPY issuer-worker/target/quarkus-app/lib/ lib/
COPY issuer-worker/target/quarkus-app/quarkus/ quarkus/
COPY issuer-worker/target/quarkus-app/app/ app/
COPY issuer-worker/target/quarkus-app/quarkus-run.jar quarkus-run.jar
COPY docker/healthcheck.sh healthcheck.sh
ENV QUARKUS_HTTP_PORT=8081
EXPOSE 8081
# Any non-root uid works; the files above are world-readable.
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
