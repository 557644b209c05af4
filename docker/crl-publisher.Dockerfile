# crl-publisher — Signs CRLs and serves them; needs EVENTCA_CUSTODY_KEK at run time (never baked into the image).
# Build the jar first (./mvnw -B -ntp -DskipTests package), then: docker build -f docker/crl-publisher.Dockerfile .
FROM eclipse-temurin:17-jre
WORKDIR /deployments
# Dependencies change less often than the application: separate layers keep rebuilds small.
COPY crl-publisher/target/quarkus-app/lib/ lib/
COPY crl-publisher/target/quarkus-app/quarkus/ quarkus/
COPY crl-publisher/target/quarkus-app/app/ app/
COPY crl-publisher/target/quarkus-app/quarkus-run.jar quarkus-run.jar
COPY docker/healthcheck.sh healthcheck.sh
ENV QUARKUS_HTTP_PORT=8082
EXPOSE 8082
# Any non-root uid works; the files above are world-readable.
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
