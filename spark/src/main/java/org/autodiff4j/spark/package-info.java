/**
 * Data-parallel training on Apache Spark 4.2: {@link org.autodiff4j.spark.DataParallel} trains a model
 * full-batch over a {@code JavaRDD} of {@link org.autodiff4j.spark.Example}s (or IDX files read by the
 * executors, {@link org.autodiff4j.spark.IdxPartitions}); {@link org.autodiff4j.spark.TrainOnSpark} is
 * {@code autodiff train} on Spark.
 *
 * <p>Which optimizer: any first-order one of {@code org.autodiff4j.optim} takes one Spark job per
 * step; {@link org.autodiff4j.optim.LBFGS} takes one per loss evaluation of its line search (usually
 * one or two per iteration) and needs far fewer steps on full batches, as Spark MLlib uses it.
 *
 * <p>Running: the JVM needs {@link org.autodiff4j.spark.SparkLaunch#JVM_OPTIONS} (the module's tests
 * get them from surefire's {@code argLine}; {@code spark-submit} adds them itself, to the driver's
 * command line and, through {@code spark.executor.extraJavaOptions}, to the executors'). On a cluster,
 * {@code ./mvnw -q -pl spark -am package -DskipTests} writes
 * {@code spark/target/autodiff4j-spark-VERSION-assembly.jar} (this module and autodiff4j's core, tensor
 * and nn, without Spark) and
 * {@code spark-submit --master spark://host:7077 --class org.autodiff4j.spark.TrainOnSpark
 * spark/target/autodiff4j-spark-VERSION-assembly.jar --dataset fashion-mnist --data DIR --epochs 50
 * --optimizer lbfgs} trains on it; {@code DIR} must hold the Fashion-MNIST files at the same path on
 * every worker and on the driver. {@code SparkSubmitIT} runs Spark's {@code SparkSubmit} on the jar in
 * local mode. This module stays on the class path (no {@code module-info}): Spark and its
 * dependencies are not modular.
 */
package org.autodiff4j.spark;
