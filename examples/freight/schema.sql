--
-- PostgreSQL database cluster dump
--

SET default_transaction_read_only = off;

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Roles
--

CREATE ROLE kestrel;
ALTER ROLE kestrel WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE accounts_user;
ALTER ROLE accounts_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE billing_user;
ALTER ROLE billing_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE booking_user;
ALTER ROLE booking_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE claims_user;
ALTER ROLE claims_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE dispatch_user;
ALTER ROLE dispatch_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE fleet_user;
ALTER ROLE fleet_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE network_user;
ALTER ROLE network_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE notifications_user;
ALTER ROLE notifications_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE reporting_user;
ALTER ROLE reporting_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;
CREATE ROLE tracking_user;
ALTER ROLE tracking_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 40;


--
-- PostgreSQL database dump
--

-- Dumped from database version 16.6
-- Dumped by pg_dump version 16.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: billing; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA billing;


ALTER SCHEMA billing OWNER TO kestrel;

--
-- Name: booking; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA booking;


ALTER SCHEMA booking OWNER TO kestrel;

--
-- Name: claims; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA claims;


ALTER SCHEMA claims OWNER TO kestrel;

--
-- Name: customer; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA customer;


ALTER SCHEMA customer OWNER TO kestrel;

--
-- Name: dispatch; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA dispatch;


ALTER SCHEMA dispatch OWNER TO kestrel;

--
-- Name: fleet; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA fleet;


ALTER SCHEMA fleet OWNER TO kestrel;

--
-- Name: legacy; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA legacy;


ALTER SCHEMA legacy OWNER TO kestrel;

--
-- Name: network; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA network;


ALTER SCHEMA network OWNER TO kestrel;

--
-- Name: notify; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA notify;


ALTER SCHEMA notify OWNER TO kestrel;

--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA reporting;


ALTER SCHEMA reporting OWNER TO kestrel;

--
-- Name: tracking; Type: SCHEMA; Schema: -; Owner: kestrel
--

CREATE SCHEMA tracking;


ALTER SCHEMA tracking OWNER TO kestrel;

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;


--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

--
-- Name: shipment_status; Type: TYPE; Schema: booking; Owner: kestrel
--

CREATE TYPE booking.shipment_status AS ENUM (
    'booked',
    'collected',
    'in_transit',
    'out_for_delivery',
    'delivered',
    'returned',
    'cancelled'
);


ALTER TYPE booking.shipment_status OWNER TO kestrel;

--
-- Name: account_status; Type: TYPE; Schema: customer; Owner: kestrel
--

CREATE TYPE customer.account_status AS ENUM (
    'prospect',
    'active',
    'on_hold',
    'closed'
);


ALTER TYPE customer.account_status OWNER TO kestrel;

--
-- Name: weight_grams; Type: DOMAIN; Schema: public; Owner: kestrel
--

CREATE DOMAIN public.weight_grams AS integer
	CONSTRAINT weight_grams_check CHECK (((VALUE > 0) AND (VALUE <= 70000)));


ALTER DOMAIN public.weight_grams OWNER TO kestrel;

--
-- Name: invoice_total(bigint); Type: FUNCTION; Schema: billing; Owner: kestrel
--

CREATE FUNCTION billing.invoice_total(p_invoice_id bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
    SELECT COALESCE(sum(l.amount * (1 + l.tax_rate / 100)), 0)
      FROM billing.invoice_line l
     WHERE l.invoice_id = p_invoice_id;
$$;


ALTER FUNCTION billing.invoice_total(p_invoice_id bigint) OWNER TO kestrel;

--
-- Name: working_days_between(date, date, character); Type: FUNCTION; Schema: network; Owner: kestrel
--

CREATE FUNCTION network.working_days_between(p_from date, p_to date, p_country character) RETURNS integer
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    v_days integer := 0;
    v_day date := p_from;
BEGIN
    -- Saturdays, Sundays and the country's holidays are not working days.
    WHILE v_day < p_to LOOP
        v_day := v_day + 1;
        IF extract(isodow FROM v_day) < 6
           AND NOT EXISTS (SELECT 1 FROM network.holiday h
                            WHERE h.country_code = p_country AND h.day = v_day) THEN
            v_days := v_days + 1;
        END IF;
    END LOOP;
    RETURN v_days;
END
$$;


ALTER FUNCTION network.working_days_between(p_from date, p_to date, p_country character) OWNER TO kestrel;

--
-- Name: create_scan_partition(date); Type: FUNCTION; Schema: tracking; Owner: kestrel
--

CREATE FUNCTION tracking.create_scan_partition(p_month date) RETURNS text
    LANGUAGE plpgsql
    AS $_$
DECLARE
    v_name text := 'scan_event_' || to_char(p_month, 'YYYY_MM');
BEGIN
    -- Called by the nightly job a month ahead; the statement is text, not DDL of this dump.
    EXECUTE format(
        'CREATE TABLE IF NOT EXISTS tracking.%I PARTITION OF tracking.scan_event FOR VALUES FROM (%L) TO (%L);',
        v_name, p_month, (p_month + interval '1 month')::date);
    RETURN v_name;
END
$_$;


ALTER FUNCTION tracking.create_scan_partition(p_month date) OWNER TO kestrel;

--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: kestrel
--

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;


ALTER FUNCTION public.touch_updated_at() OWNER TO kestrel;

--
-- Name: credit_note; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.credit_note (
    id bigint NOT NULL,
    invoice_id bigint NOT NULL,
    claim_id bigint,
    amount numeric(10,2) NOT NULL,
    reason text NOT NULL,
    issued_at timestamp with time zone
);


ALTER TABLE billing.credit_note OWNER TO kestrel;

--
-- Name: credit_note_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.credit_note_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.credit_note_id_seq OWNER TO kestrel;

--
-- Name: credit_note_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.credit_note_id_seq OWNED BY billing.credit_note.id;

--
-- Name: fuel_index; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.fuel_index (
    month date NOT NULL,
    surcharge_pct numeric(5,2) NOT NULL
);


ALTER TABLE billing.fuel_index OWNER TO kestrel;

--
-- Name: invoice; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.invoice (
    id bigint NOT NULL,
    invoice_no character varying(16) NOT NULL,
    account_id bigint NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    issued_at timestamp with time zone,
    due_on date,
    total numeric(12,2) DEFAULT 0 NOT NULL,
    status character varying(10) DEFAULT 'open'::character varying NOT NULL
);


ALTER TABLE billing.invoice OWNER TO kestrel;

--
-- Name: invoice_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.invoice_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.invoice_id_seq OWNER TO kestrel;

--
-- Name: invoice_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.invoice_id_seq OWNED BY billing.invoice.id;

--
-- Name: invoice_line; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.invoice_line (
    id bigint NOT NULL,
    invoice_id bigint NOT NULL,
    shipment_id bigint,
    description text NOT NULL,
    amount numeric(10,2) NOT NULL,
    tax_rate numeric(4,2) DEFAULT 0 NOT NULL
);


ALTER TABLE billing.invoice_line OWNER TO kestrel;

--
-- Name: invoice_line_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.invoice_line_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.invoice_line_id_seq OWNER TO kestrel;

--
-- Name: invoice_line_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.invoice_line_id_seq OWNED BY billing.invoice_line.id;

--
-- Name: payment; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.payment (
    id bigint NOT NULL,
    invoice_id bigint NOT NULL,
    received_at timestamp with time zone NOT NULL,
    amount numeric(12,2) NOT NULL,
    method character varying(12) NOT NULL,
    psp_reference text
);


ALTER TABLE billing.payment OWNER TO kestrel;

--
-- Name: payment_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.payment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.payment_id_seq OWNER TO kestrel;

--
-- Name: payment_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.payment_id_seq OWNED BY billing.payment.id;

--
-- Name: surcharge; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.surcharge (
    id bigint NOT NULL,
    shipment_id bigint NOT NULL,
    kind character varying(16) NOT NULL,
    amount numeric(10,2) NOT NULL
);


ALTER TABLE billing.surcharge OWNER TO kestrel;

--
-- Name: surcharge_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.surcharge_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.surcharge_id_seq OWNER TO kestrel;

--
-- Name: surcharge_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.surcharge_id_seq OWNED BY billing.surcharge.id;

--
-- Name: tariff; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.tariff (
    id bigint NOT NULL,
    name text NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    currency character(3) DEFAULT 'EUR'::bpchar NOT NULL
);


ALTER TABLE billing.tariff OWNER TO kestrel;

--
-- Name: tariff_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.tariff_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.tariff_id_seq OWNER TO kestrel;

--
-- Name: tariff_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.tariff_id_seq OWNED BY billing.tariff.id;

--
-- Name: tariff_band; Type: TABLE; Schema: billing; Owner: kestrel
--

CREATE TABLE billing.tariff_band (
    id bigint NOT NULL,
    tariff_id bigint NOT NULL,
    zone character(1) NOT NULL,
    max_weight_grams integer NOT NULL,
    price numeric(10,2) NOT NULL
);


ALTER TABLE billing.tariff_band OWNER TO kestrel;

--
-- Name: tariff_band_id_seq; Type: SEQUENCE; Schema: billing; Owner: kestrel
--

CREATE SEQUENCE billing.tariff_band_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE billing.tariff_band_id_seq OWNER TO kestrel;

--
-- Name: tariff_band_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: kestrel
--

ALTER SEQUENCE billing.tariff_band_id_seq OWNED BY billing.tariff_band.id;

--
-- Name: customs_declaration; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.customs_declaration (
    id bigint NOT NULL,
    shipment_id bigint NOT NULL,
    incoterm character(3) NOT NULL,
    total_value numeric(12,2) NOT NULL,
    currency character(3) NOT NULL,
    submitted_at timestamp with time zone
);


ALTER TABLE booking.customs_declaration OWNER TO kestrel;

--
-- Name: customs_declaration_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.customs_declaration_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.customs_declaration_id_seq OWNER TO kestrel;

--
-- Name: customs_declaration_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.customs_declaration_id_seq OWNED BY booking.customs_declaration.id;

--
-- Name: dangerous_goods; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.dangerous_goods (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    un_number character varying(6) NOT NULL,
    hazard_class character varying(4) NOT NULL,
    packing_group character varying(3)
);


ALTER TABLE booking.dangerous_goods OWNER TO kestrel;

--
-- Name: dangerous_goods_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.dangerous_goods_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.dangerous_goods_id_seq OWNER TO kestrel;

--
-- Name: dangerous_goods_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.dangerous_goods_id_seq OWNED BY booking.dangerous_goods.id;

--
-- Name: label; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.label (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    format character varying(8) NOT NULL,
    printed_at timestamp with time zone,
    payload bytea NOT NULL
);


ALTER TABLE booking.label OWNER TO kestrel;

--
-- Name: label_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.label_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.label_id_seq OWNER TO kestrel;

--
-- Name: label_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.label_id_seq OWNED BY booking.label.id;

--
-- Name: parcel; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.parcel (
    id bigint NOT NULL,
    shipment_id bigint NOT NULL,
    barcode character varying(28) NOT NULL,
    weight_grams integer NOT NULL,
    length_mm integer,
    width_mm integer,
    height_mm integer,
    declared_value numeric(10,2)
);


ALTER TABLE booking.parcel OWNER TO kestrel;

--
-- Name: parcel_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.parcel_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.parcel_id_seq OWNER TO kestrel;

--
-- Name: parcel_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.parcel_id_seq OWNED BY booking.parcel.id;

--
-- Name: parcel_item; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.parcel_item (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    description text NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    hs_code character varying(10),
    unit_value numeric(10,2),
    origin_country character(2)
);


ALTER TABLE booking.parcel_item OWNER TO kestrel;

--
-- Name: parcel_item_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.parcel_item_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.parcel_item_id_seq OWNER TO kestrel;

--
-- Name: parcel_item_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.parcel_item_id_seq OWNED BY booking.parcel_item.id;

--
-- Name: pickup_request; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.pickup_request (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    address_id bigint NOT NULL,
    requested_for date NOT NULL,
    parcels_expected integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE booking.pickup_request OWNER TO kestrel;

--
-- Name: pickup_request_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.pickup_request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.pickup_request_id_seq OWNER TO kestrel;

--
-- Name: pickup_request_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.pickup_request_id_seq OWNED BY booking.pickup_request.id;

--
-- Name: pickup_window; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.pickup_window (
    id bigint NOT NULL,
    pickup_request_id bigint NOT NULL,
    opens_at timestamp with time zone NOT NULL,
    closes_at timestamp with time zone NOT NULL
);


ALTER TABLE booking.pickup_window OWNER TO kestrel;

--
-- Name: pickup_window_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.pickup_window_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.pickup_window_id_seq OWNER TO kestrel;

--
-- Name: pickup_window_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.pickup_window_id_seq OWNED BY booking.pickup_window.id;

--
-- Name: shipment; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.shipment (
    id bigint NOT NULL,
    reference character varying(20) NOT NULL,
    account_id bigint NOT NULL,
    service_level_id smallint NOT NULL,
    origin_depot_id integer NOT NULL,
    destination_depot_id integer,
    sender_address_id bigint NOT NULL,
    recipient_name text NOT NULL,
    recipient_line1 text NOT NULL,
    recipient_postcode character varying(10) NOT NULL,
    recipient_country character(2) NOT NULL,
    status booking.shipment_status DEFAULT 'booked'::booking.shipment_status NOT NULL,
    booked_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    delivered_at timestamp with time zone
);


ALTER TABLE booking.shipment OWNER TO kestrel;

--
-- Name: shipment_id_seq; Type: SEQUENCE; Schema: booking; Owner: kestrel
--

CREATE SEQUENCE booking.shipment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE booking.shipment_id_seq OWNER TO kestrel;

--
-- Name: shipment_id_seq; Type: SEQUENCE OWNED BY; Schema: booking; Owner: kestrel
--

ALTER SEQUENCE booking.shipment_id_seq OWNED BY booking.shipment.id;

--
-- Name: shipment_reference; Type: TABLE; Schema: booking; Owner: kestrel
--

CREATE TABLE booking.shipment_reference (
    shipment_id bigint NOT NULL,
    kind character varying(20) NOT NULL,
    value text NOT NULL
);


ALTER TABLE booking.shipment_reference OWNER TO kestrel;

--
-- Name: shipment_summary; Type: VIEW; Schema: booking; Owner: kestrel
--

CREATE VIEW booking.shipment_summary AS
 SELECT s.id,
    s.reference,
    a.account_no,
    a.legal_name,
    s.status,
    count(p.id) AS parcels,
    sum(p.weight_grams) AS weight_grams
   FROM ((booking.shipment s
     JOIN customer.account a ON ((a.id = s.account_id)))
     LEFT JOIN booking.parcel p ON ((p.shipment_id = s.id)))
  GROUP BY s.id, a.account_no, a.legal_name;


ALTER VIEW booking.shipment_summary OWNER TO kestrel;

--
-- Name: claim; Type: TABLE; Schema: claims; Owner: kestrel
--

CREATE TABLE claims.claim (
    id bigint NOT NULL,
    claim_no character varying(14) NOT NULL,
    parcel_id bigint NOT NULL,
    account_id bigint NOT NULL,
    kind character varying(12) NOT NULL,
    amount_claimed numeric(10,2) NOT NULL,
    status character varying(12) DEFAULT 'open'::character varying NOT NULL,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone
);


ALTER TABLE claims.claim OWNER TO kestrel;

--
-- Name: claim_id_seq; Type: SEQUENCE; Schema: claims; Owner: kestrel
--

CREATE SEQUENCE claims.claim_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE claims.claim_id_seq OWNER TO kestrel;

--
-- Name: claim_id_seq; Type: SEQUENCE OWNED BY; Schema: claims; Owner: kestrel
--

ALTER SEQUENCE claims.claim_id_seq OWNED BY claims.claim.id;

--
-- Name: claim_decision; Type: TABLE; Schema: claims; Owner: kestrel
--

CREATE TABLE claims.claim_decision (
    id bigint NOT NULL,
    claim_id bigint NOT NULL,
    decided_by text NOT NULL,
    outcome character varying(10) NOT NULL,
    amount_paid numeric(10,2),
    decided_at timestamp with time zone NOT NULL
);


ALTER TABLE claims.claim_decision OWNER TO kestrel;

--
-- Name: claim_decision_id_seq; Type: SEQUENCE; Schema: claims; Owner: kestrel
--

CREATE SEQUENCE claims.claim_decision_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE claims.claim_decision_id_seq OWNER TO kestrel;

--
-- Name: claim_decision_id_seq; Type: SEQUENCE OWNED BY; Schema: claims; Owner: kestrel
--

ALTER SEQUENCE claims.claim_decision_id_seq OWNED BY claims.claim_decision.id;

--
-- Name: claim_document; Type: TABLE; Schema: claims; Owner: kestrel
--

CREATE TABLE claims.claim_document (
    id bigint NOT NULL,
    claim_id bigint NOT NULL,
    file_name text NOT NULL,
    content_type character varying(60) NOT NULL,
    uploaded_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE claims.claim_document OWNER TO kestrel;

--
-- Name: claim_document_id_seq; Type: SEQUENCE; Schema: claims; Owner: kestrel
--

CREATE SEQUENCE claims.claim_document_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE claims.claim_document_id_seq OWNER TO kestrel;

--
-- Name: claim_document_id_seq; Type: SEQUENCE OWNED BY; Schema: claims; Owner: kestrel
--

ALTER SEQUENCE claims.claim_document_id_seq OWNED BY claims.claim_document.id;

--
-- Name: account; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.account (
    id bigint NOT NULL,
    account_no character varying(12) NOT NULL,
    legal_name text NOT NULL,
    trading_name text,
    vat_number character varying(20),
    credit_limit numeric(12,2) DEFAULT 0 NOT NULL,
    status customer.account_status DEFAULT 'active'::customer.account_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE customer.account OWNER TO kestrel;

--
-- Name: account_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.account_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.account_id_seq OWNER TO kestrel;

--
-- Name: account_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.account_id_seq OWNED BY customer.account.id;

--
-- Name: account_note; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.account_note (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    author text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE customer.account_note OWNER TO kestrel;

--
-- Name: account_note_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.account_note_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.account_note_id_seq OWNER TO kestrel;

--
-- Name: account_note_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.account_note_id_seq OWNED BY customer.account_note.id;

--
-- Name: address; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.address (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    label character varying(40) NOT NULL,
    line1 text NOT NULL,
    line2 text,
    town text NOT NULL,
    postcode character varying(10) NOT NULL,
    country_code character(2) NOT NULL,
    latitude numeric(9,6),
    longitude numeric(9,6)
);


ALTER TABLE customer.address OWNER TO kestrel;

--
-- Name: address_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.address_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.address_id_seq OWNER TO kestrel;

--
-- Name: address_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.address_id_seq OWNED BY customer.address.id;

--
-- Name: api_key; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.api_key (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    key_hash text NOT NULL,
    label character varying(60),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone
);


ALTER TABLE customer.api_key OWNER TO kestrel;

--
-- Name: api_key_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.api_key_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.api_key_id_seq OWNER TO kestrel;

--
-- Name: api_key_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.api_key_id_seq OWNED BY customer.api_key.id;

--
-- Name: contact; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.contact (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    full_name text NOT NULL,
    email character varying(254),
    phone character varying(24),
    job_title character varying(40),
    is_primary boolean DEFAULT false NOT NULL
);


ALTER TABLE customer.contact OWNER TO kestrel;

--
-- Name: contact_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.contact_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.contact_id_seq OWNER TO kestrel;

--
-- Name: contact_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.contact_id_seq OWNED BY customer.contact.id;

--
-- Name: contract; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.contract (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    service_level_id smallint NOT NULL,
    payment_terms_days integer DEFAULT 30 NOT NULL
);


ALTER TABLE customer.contract OWNER TO kestrel;

--
-- Name: contract_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.contract_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.contract_id_seq OWNER TO kestrel;

--
-- Name: contract_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.contract_id_seq OWNED BY customer.contract.id;

--
-- Name: contract_rate; Type: TABLE; Schema: customer; Owner: kestrel
--

CREATE TABLE customer.contract_rate (
    id bigint NOT NULL,
    contract_id bigint NOT NULL,
    tariff_band_id bigint NOT NULL,
    discount_pct numeric(5,2) DEFAULT 0 NOT NULL
);


ALTER TABLE customer.contract_rate OWNER TO kestrel;

--
-- Name: contract_rate_id_seq; Type: SEQUENCE; Schema: customer; Owner: kestrel
--

CREATE SEQUENCE customer.contract_rate_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE customer.contract_rate_id_seq OWNER TO kestrel;

--
-- Name: contract_rate_id_seq; Type: SEQUENCE OWNED BY; Schema: customer; Owner: kestrel
--

ALTER SEQUENCE customer.contract_rate_id_seq OWNED BY customer.contract_rate.id;

--
-- Name: delivery_attempt; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.delivery_attempt (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    route_stop_id bigint,
    driver_id integer,
    attempted_at timestamp with time zone NOT NULL,
    outcome character varying(16) NOT NULL
);


ALTER TABLE dispatch.delivery_attempt OWNER TO kestrel;

--
-- Name: delivery_attempt_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.delivery_attempt_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.delivery_attempt_id_seq OWNER TO kestrel;

--
-- Name: delivery_attempt_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.delivery_attempt_id_seq OWNED BY dispatch.delivery_attempt.id;

--
-- Name: delivery_exception; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.delivery_exception (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    reason_code character varying(8) NOT NULL,
    raised_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    note text
);


ALTER TABLE dispatch.delivery_exception OWNER TO kestrel;

--
-- Name: delivery_exception_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.delivery_exception_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.delivery_exception_id_seq OWNER TO kestrel;

--
-- Name: delivery_exception_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.delivery_exception_id_seq OWNED BY dispatch.delivery_exception.id;

--
-- Name: linehaul_trip; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.linehaul_trip (
    id bigint NOT NULL,
    lane_id integer NOT NULL,
    vehicle_id integer NOT NULL,
    departed_at timestamp with time zone,
    arrived_at timestamp with time zone
);


ALTER TABLE dispatch.linehaul_trip OWNER TO kestrel;

--
-- Name: linehaul_trip_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.linehaul_trip_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.linehaul_trip_id_seq OWNER TO kestrel;

--
-- Name: linehaul_trip_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.linehaul_trip_id_seq OWNED BY dispatch.linehaul_trip.id;

--
-- Name: proof_of_delivery; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.proof_of_delivery (
    id bigint NOT NULL,
    delivery_attempt_id bigint NOT NULL,
    signed_by text,
    photo_url text,
    latitude numeric(9,6),
    longitude numeric(9,6)
);


ALTER TABLE dispatch.proof_of_delivery OWNER TO kestrel;

--
-- Name: proof_of_delivery_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.proof_of_delivery_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.proof_of_delivery_id_seq OWNER TO kestrel;

--
-- Name: proof_of_delivery_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.proof_of_delivery_id_seq OWNED BY dispatch.proof_of_delivery.id;

--
-- Name: redelivery_request; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.redelivery_request (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    requested_date date NOT NULL,
    channel character varying(10) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE dispatch.redelivery_request OWNER TO kestrel;

--
-- Name: redelivery_request_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.redelivery_request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.redelivery_request_id_seq OWNER TO kestrel;

--
-- Name: redelivery_request_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.redelivery_request_id_seq OWNED BY dispatch.redelivery_request.id;

--
-- Name: roll_cage; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.roll_cage (
    id bigint NOT NULL,
    linehaul_trip_id bigint NOT NULL,
    seal_no character varying(12) NOT NULL,
    parcel_count integer DEFAULT 0 NOT NULL
);


ALTER TABLE dispatch.roll_cage OWNER TO kestrel;

--
-- Name: roll_cage_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.roll_cage_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.roll_cage_id_seq OWNER TO kestrel;

--
-- Name: roll_cage_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.roll_cage_id_seq OWNED BY dispatch.roll_cage.id;

--
-- Name: route_plan; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.route_plan (
    id bigint NOT NULL,
    depot_id integer NOT NULL,
    plan_date date NOT NULL,
    vehicle_id integer,
    driver_id integer,
    status character varying(12) DEFAULT 'draft'::character varying NOT NULL,
    planned_km numeric(7,1)
);


ALTER TABLE dispatch.route_plan OWNER TO kestrel;

--
-- Name: route_plan_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.route_plan_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.route_plan_id_seq OWNER TO kestrel;

--
-- Name: route_plan_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.route_plan_id_seq OWNED BY dispatch.route_plan.id;

--
-- Name: route_stop; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.route_stop (
    id bigint NOT NULL,
    route_plan_id bigint NOT NULL,
    sequence_no integer NOT NULL,
    postcode character varying(10) NOT NULL,
    eta timestamp with time zone,
    arrived_at timestamp with time zone,
    departed_at timestamp with time zone
);


ALTER TABLE dispatch.route_stop OWNER TO kestrel;

--
-- Name: route_stop_id_seq; Type: SEQUENCE; Schema: dispatch; Owner: kestrel
--

CREATE SEQUENCE dispatch.route_stop_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE dispatch.route_stop_id_seq OWNER TO kestrel;

--
-- Name: route_stop_id_seq; Type: SEQUENCE OWNED BY; Schema: dispatch; Owner: kestrel
--

ALTER SEQUENCE dispatch.route_stop_id_seq OWNED BY dispatch.route_stop.id;

--
-- Name: stop_parcel; Type: TABLE; Schema: dispatch; Owner: kestrel
--

CREATE TABLE dispatch.stop_parcel (
    route_stop_id bigint NOT NULL,
    parcel_id bigint NOT NULL
);


ALTER TABLE dispatch.stop_parcel OWNER TO kestrel;

--
-- Name: driver; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.driver (
    id integer NOT NULL,
    employee_no character varying(10) NOT NULL,
    full_name text NOT NULL,
    home_depot_id integer NOT NULL,
    phone character varying(24),
    hired_on date NOT NULL
);


ALTER TABLE fleet.driver OWNER TO kestrel;

--
-- Name: driver_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.driver_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.driver_id_seq OWNER TO kestrel;

--
-- Name: driver_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.driver_id_seq OWNED BY fleet.driver.id;

--
-- Name: driver_licence; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.driver_licence (
    id integer NOT NULL,
    driver_id integer NOT NULL,
    category character varying(4) NOT NULL,
    expires_on date NOT NULL
);


ALTER TABLE fleet.driver_licence OWNER TO kestrel;

--
-- Name: driver_licence_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.driver_licence_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.driver_licence_id_seq OWNER TO kestrel;

--
-- Name: driver_licence_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.driver_licence_id_seq OWNED BY fleet.driver_licence.id;

--
-- Name: fuel_card; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.fuel_card (
    id integer NOT NULL,
    vehicle_id integer NOT NULL,
    card_no character varying(19) NOT NULL,
    issued_on date NOT NULL
);


ALTER TABLE fleet.fuel_card OWNER TO kestrel;

--
-- Name: fuel_card_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.fuel_card_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.fuel_card_id_seq OWNER TO kestrel;

--
-- Name: fuel_card_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.fuel_card_id_seq OWNED BY fleet.fuel_card.id;

--
-- Name: fuel_purchase; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.fuel_purchase (
    id bigint NOT NULL,
    fuel_card_id integer NOT NULL,
    purchased_at timestamp with time zone NOT NULL,
    litres numeric(7,2) NOT NULL,
    amount numeric(10,2) NOT NULL
);


ALTER TABLE fleet.fuel_purchase OWNER TO kestrel;

--
-- Name: fuel_purchase_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.fuel_purchase_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.fuel_purchase_id_seq OWNER TO kestrel;

--
-- Name: fuel_purchase_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.fuel_purchase_id_seq OWNED BY fleet.fuel_purchase.id;

--
-- Name: maintenance_job; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.maintenance_job (
    id bigint NOT NULL,
    vehicle_id integer NOT NULL,
    due_on date NOT NULL,
    done_on date,
    garage text,
    cost numeric(10,2)
);


ALTER TABLE fleet.maintenance_job OWNER TO kestrel;

--
-- Name: maintenance_job_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.maintenance_job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.maintenance_job_id_seq OWNER TO kestrel;

--
-- Name: maintenance_job_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.maintenance_job_id_seq OWNED BY fleet.maintenance_job.id;

--
-- Name: shift; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.shift (
    id bigint NOT NULL,
    driver_id integer NOT NULL,
    vehicle_id integer,
    depot_id integer NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone
);


ALTER TABLE fleet.shift OWNER TO kestrel;

--
-- Name: shift_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.shift_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.shift_id_seq OWNER TO kestrel;

--
-- Name: shift_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.shift_id_seq OWNED BY fleet.shift.id;

--
-- Name: telematics_reading; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.telematics_reading (
    id bigint NOT NULL,
    vehicle_id integer NOT NULL,
    read_at timestamp with time zone NOT NULL,
    odometer_km integer,
    latitude numeric(9,6),
    longitude numeric(9,6)
);


ALTER TABLE fleet.telematics_reading OWNER TO kestrel;

--
-- Name: telematics_reading_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.telematics_reading_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.telematics_reading_id_seq OWNER TO kestrel;

--
-- Name: telematics_reading_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.telematics_reading_id_seq OWNED BY fleet.telematics_reading.id;

--
-- Name: vehicle; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.vehicle (
    id integer NOT NULL,
    registration character varying(10) NOT NULL,
    vehicle_type_id smallint NOT NULL,
    home_depot_id integer NOT NULL,
    commissioned_on date NOT NULL,
    retired_on date
);


ALTER TABLE fleet.vehicle OWNER TO kestrel;

--
-- Name: vehicle_id_seq; Type: SEQUENCE; Schema: fleet; Owner: kestrel
--

CREATE SEQUENCE fleet.vehicle_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE fleet.vehicle_id_seq OWNER TO kestrel;

--
-- Name: vehicle_id_seq; Type: SEQUENCE OWNED BY; Schema: fleet; Owner: kestrel
--

ALTER SEQUENCE fleet.vehicle_id_seq OWNED BY fleet.vehicle.id;

--
-- Name: vehicle_due_service; Type: VIEW; Schema: fleet; Owner: kestrel
--

CREATE VIEW fleet.vehicle_due_service AS
 SELECT v.id AS vehicle_id,
    v.registration,
    min(m.due_on) AS next_due_on
   FROM (fleet.vehicle v
     JOIN fleet.maintenance_job m ON ((m.vehicle_id = v.id)))
  WHERE ((m.done_on IS NULL) AND (v.retired_on IS NULL))
  GROUP BY v.id, v.registration;


ALTER VIEW fleet.vehicle_due_service OWNER TO kestrel;

--
-- Name: vehicle_type; Type: TABLE; Schema: fleet; Owner: kestrel
--

CREATE TABLE fleet.vehicle_type (
    id smallint NOT NULL,
    name text NOT NULL,
    payload_kg integer NOT NULL,
    volume_m3 numeric(5,2) NOT NULL
);


ALTER TABLE fleet.vehicle_type OWNER TO kestrel;

--
-- Name: depot_code_map; Type: TABLE; Schema: legacy; Owner: kestrel
--

CREATE TABLE legacy.depot_code_map (
    old_code character varying(8) NOT NULL,
    depot_id integer NOT NULL
);


ALTER TABLE legacy.depot_code_map OWNER TO kestrel;

--
-- Name: import_batch; Type: TABLE; Schema: legacy; Owner: kestrel
--

CREATE TABLE legacy.import_batch (
    id integer NOT NULL,
    file_name text NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    rows_read integer
);


ALTER TABLE legacy.import_batch OWNER TO kestrel;

--
-- Name: import_batch_id_seq; Type: SEQUENCE; Schema: legacy; Owner: kestrel
--

CREATE SEQUENCE legacy.import_batch_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE legacy.import_batch_id_seq OWNER TO kestrel;

--
-- Name: import_batch_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy; Owner: kestrel
--

ALTER SEQUENCE legacy.import_batch_id_seq OWNED BY legacy.import_batch.id;

--
-- Name: price_list_2019; Type: TABLE; Schema: legacy; Owner: kestrel
--

CREATE TABLE legacy.price_list_2019 (
    id integer NOT NULL,
    zone character(1) NOT NULL,
    max_weight_grams integer NOT NULL,
    price numeric(10,2) NOT NULL
);


ALTER TABLE legacy.price_list_2019 OWNER TO kestrel;

--
-- Name: price_list_2019_id_seq; Type: SEQUENCE; Schema: legacy; Owner: kestrel
--

CREATE SEQUENCE legacy.price_list_2019_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE legacy.price_list_2019_id_seq OWNER TO kestrel;

--
-- Name: price_list_2019_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy; Owner: kestrel
--

ALTER SEQUENCE legacy.price_list_2019_id_seq OWNED BY legacy.price_list_2019.id;

--
-- Name: country; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.country (
    code character(2) NOT NULL,
    name text NOT NULL,
    customs_union character varying(10)
);


ALTER TABLE network.country OWNER TO kestrel;

--
-- Name: depot; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.depot (
    id integer NOT NULL,
    code character varying(6) NOT NULL,
    name text NOT NULL,
    region_id integer NOT NULL,
    address_line text NOT NULL,
    postcode character varying(10) NOT NULL,
    opens_at time without time zone,
    closes_at time without time zone
);


ALTER TABLE network.depot OWNER TO kestrel;

--
-- Name: depot_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.depot_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.depot_id_seq OWNER TO kestrel;

--
-- Name: depot_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.depot_id_seq OWNED BY network.depot.id;

--
-- Name: holiday; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.holiday (
    id integer NOT NULL,
    country_code character(2) NOT NULL,
    day date NOT NULL,
    name text NOT NULL
);


ALTER TABLE network.holiday OWNER TO kestrel;

--
-- Name: holiday_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.holiday_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.holiday_id_seq OWNER TO kestrel;

--
-- Name: holiday_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.holiday_id_seq OWNED BY network.holiday.id;

--
-- Name: hub; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.hub (
    id integer NOT NULL,
    code character varying(6) NOT NULL,
    name text NOT NULL,
    region_id integer NOT NULL,
    sort_capacity_per_hour integer NOT NULL
);


ALTER TABLE network.hub OWNER TO kestrel;

--
-- Name: hub_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.hub_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.hub_id_seq OWNER TO kestrel;

--
-- Name: hub_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.hub_id_seq OWNED BY network.hub.id;

--
-- Name: lane; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.lane (
    id integer NOT NULL,
    from_hub_id integer NOT NULL,
    to_hub_id integer NOT NULL,
    transit_hours integer NOT NULL,
    departs_at time without time zone NOT NULL
);


ALTER TABLE network.lane OWNER TO kestrel;

--
-- Name: lane_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.lane_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.lane_id_seq OWNER TO kestrel;

--
-- Name: lane_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.lane_id_seq OWNED BY network.lane.id;

--
-- Name: postcode_zone; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.postcode_zone (
    id integer NOT NULL,
    postcode_prefix character varying(8) NOT NULL,
    depot_id integer NOT NULL,
    zone character(1) NOT NULL
);


ALTER TABLE network.postcode_zone OWNER TO kestrel;

--
-- Name: postcode_zone_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.postcode_zone_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.postcode_zone_id_seq OWNER TO kestrel;

--
-- Name: postcode_zone_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.postcode_zone_id_seq OWNED BY network.postcode_zone.id;

--
-- Name: region; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.region (
    id integer NOT NULL,
    name text NOT NULL,
    country_code character(2) NOT NULL
);


ALTER TABLE network.region OWNER TO kestrel;

--
-- Name: region_id_seq; Type: SEQUENCE; Schema: network; Owner: kestrel
--

CREATE SEQUENCE network.region_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE network.region_id_seq OWNER TO kestrel;

--
-- Name: region_id_seq; Type: SEQUENCE OWNED BY; Schema: network; Owner: kestrel
--

ALTER SEQUENCE network.region_id_seq OWNED BY network.region.id;

--
-- Name: service_level; Type: TABLE; Schema: network; Owner: kestrel
--

CREATE TABLE network.service_level (
    id smallint NOT NULL,
    code character varying(16) NOT NULL,
    name text NOT NULL,
    promised_days integer NOT NULL,
    cutoff time without time zone NOT NULL
);


ALTER TABLE network.service_level OWNER TO kestrel;

--
-- Name: message; Type: TABLE; Schema: notify; Owner: kestrel
--

CREATE TABLE notify.message (
    id bigint NOT NULL,
    template_id integer NOT NULL,
    parcel_id bigint,
    recipient text NOT NULL,
    sent_at timestamp with time zone,
    status character varying(10) DEFAULT 'queued'::character varying NOT NULL
);


ALTER TABLE notify.message OWNER TO kestrel;

--
-- Name: message_id_seq; Type: SEQUENCE; Schema: notify; Owner: kestrel
--

CREATE SEQUENCE notify.message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE notify.message_id_seq OWNER TO kestrel;

--
-- Name: message_id_seq; Type: SEQUENCE OWNED BY; Schema: notify; Owner: kestrel
--

ALTER SEQUENCE notify.message_id_seq OWNED BY notify.message.id;

--
-- Name: preference; Type: TABLE; Schema: notify; Owner: kestrel
--

CREATE TABLE notify.preference (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    channel character varying(8) NOT NULL,
    opted_in boolean DEFAULT true NOT NULL
);


ALTER TABLE notify.preference OWNER TO kestrel;

--
-- Name: preference_id_seq; Type: SEQUENCE; Schema: notify; Owner: kestrel
--

CREATE SEQUENCE notify.preference_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE notify.preference_id_seq OWNER TO kestrel;

--
-- Name: preference_id_seq; Type: SEQUENCE OWNED BY; Schema: notify; Owner: kestrel
--

ALTER SEQUENCE notify.preference_id_seq OWNED BY notify.preference.id;

--
-- Name: template; Type: TABLE; Schema: notify; Owner: kestrel
--

CREATE TABLE notify.template (
    id integer NOT NULL,
    code character varying(30) NOT NULL,
    channel character varying(8) NOT NULL,
    locale character varying(5) DEFAULT 'en'::character varying NOT NULL,
    body text NOT NULL
);


ALTER TABLE notify.template OWNER TO kestrel;

--
-- Name: template_id_seq; Type: SEQUENCE; Schema: notify; Owner: kestrel
--

CREATE SEQUENCE notify.template_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE notify.template_id_seq OWNER TO kestrel;

--
-- Name: template_id_seq; Type: SEQUENCE OWNED BY; Schema: notify; Owner: kestrel
--

ALTER SEQUENCE notify.template_id_seq OWNED BY notify.template.id;

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: kestrel
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    happened_at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    table_name text NOT NULL,
    row_id bigint,
    change jsonb
);


ALTER TABLE public.audit_log OWNER TO kestrel;

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: kestrel
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE public.audit_log_id_seq OWNER TO kestrel;

--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: kestrel
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;

--
-- Name: account_revenue; Type: VIEW; Schema: reporting; Owner: kestrel
--

CREATE VIEW reporting.account_revenue AS
 SELECT a.id AS account_id,
    a.account_no,
    a.legal_name,
    date_trunc('month'::text, i.issued_at) AS month,
    sum(i.total) AS invoiced
   FROM (billing.invoice i
     JOIN customer.account a ON ((a.id = i.account_id)))
  WHERE ((i.status)::text <> 'void'::text)
  GROUP BY a.id, a.account_no, a.legal_name, (date_trunc('month'::text, i.issued_at));


ALTER VIEW reporting.account_revenue OWNER TO kestrel;

--
-- Name: claims_open; Type: VIEW; Schema: reporting; Owner: kestrel
--

CREATE VIEW reporting.claims_open AS
 SELECT c.claim_no,
    c.kind,
    c.amount_claimed,
    c.opened_at,
    p.barcode,
    a.account_no,
    a.legal_name
   FROM ((claims.claim c
     JOIN booking.parcel p ON ((p.id = c.parcel_id)))
     JOIN customer.account a ON ((a.id = c.account_id)))
  WHERE (c.closed_at IS NULL);


ALTER VIEW reporting.claims_open OWNER TO kestrel;

--
-- Name: depot_daily_volume; Type: VIEW; Schema: reporting; Owner: kestrel
--

CREATE VIEW reporting.depot_daily_volume AS
 SELECT d.code AS depot_code,
    d.name AS depot_name,
    (s.booked_at)::date AS day,
    count(DISTINCT s.id) AS shipments,
    count(p.id) AS parcels
   FROM ((booking.shipment s
     JOIN network.depot d ON ((d.id = s.origin_depot_id)))
     JOIN booking.parcel p ON ((p.shipment_id = s.id)))
  GROUP BY d.code, d.name, ((s.booked_at)::date);


ALTER VIEW reporting.depot_daily_volume OWNER TO kestrel;

--
-- Name: driver_day; Type: VIEW; Schema: reporting; Owner: kestrel
--

CREATE VIEW reporting.driver_day AS
 SELECT dr.employee_no,
    dr.full_name,
    rp.plan_date,
    count(rs.id) AS stops,
    count(rs.arrived_at) AS stops_reached,
    (max(rs.departed_at) - min(rs.arrived_at)) AS time_on_road
   FROM ((fleet.driver dr
     JOIN dispatch.route_plan rp ON ((rp.driver_id = dr.id)))
     JOIN dispatch.route_stop rs ON ((rs.route_plan_id = rp.id)))
  GROUP BY dr.employee_no, dr.full_name, rp.plan_date;


ALTER VIEW reporting.driver_day OWNER TO kestrel;

--
-- Name: lane_load; Type: MATERIALIZED VIEW; Schema: reporting; Owner: kestrel
--

CREATE MATERIALIZED VIEW reporting.lane_load AS
 SELECT l.id AS lane_id,
    hf.code AS from_hub,
    ht.code AS to_hub,
    date_trunc('week'::text, t.departed_at) AS week,
    count(t.id) AS trips,
    sum(rc.parcel_count) AS parcels
   FROM ((((network.lane l
     JOIN network.hub hf ON ((hf.id = l.from_hub_id)))
     JOIN network.hub ht ON ((ht.id = l.to_hub_id)))
     JOIN dispatch.linehaul_trip t ON ((t.lane_id = l.id)))
     LEFT JOIN dispatch.roll_cage rc ON ((rc.linehaul_trip_id = t.id)))
  GROUP BY l.id, hf.code, ht.code, (date_trunc('week'::text, t.departed_at))
  WITH NO DATA;


ALTER MATERIALIZED VIEW reporting.lane_load OWNER TO kestrel;

--
-- Name: on_time_delivery; Type: VIEW; Schema: reporting; Owner: kestrel
--

CREATE VIEW reporting.on_time_delivery AS
 SELECT sl.code AS service_level,
    (s.booked_at)::date AS booked_on,
    count(*) AS delivered,
    count(*) FILTER (WHERE (network.working_days_between((s.booked_at)::date, (s.delivered_at)::date, s.recipient_country) <= sl.promised_days)) AS on_time,
    count(da.id) FILTER (WHERE ((da.outcome)::text <> 'delivered'::text)) AS failed_attempts
   FROM (((booking.shipment s
     JOIN network.service_level sl ON ((sl.id = s.service_level_id)))
     JOIN booking.parcel p ON ((p.shipment_id = s.id)))
     LEFT JOIN dispatch.delivery_attempt da ON ((da.parcel_id = p.id)))
  WHERE (s.delivered_at IS NOT NULL)
  GROUP BY sl.code, ((s.booked_at)::date);


ALTER VIEW reporting.on_time_delivery OWNER TO kestrel;

--
-- Name: milestone; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.milestone (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    code character varying(16) NOT NULL,
    reached_at timestamp with time zone NOT NULL,
    source_event_id bigint
);


ALTER TABLE tracking.milestone OWNER TO kestrel;

--
-- Name: milestone_id_seq; Type: SEQUENCE; Schema: tracking; Owner: kestrel
--

CREATE SEQUENCE tracking.milestone_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE tracking.milestone_id_seq OWNER TO kestrel;

--
-- Name: milestone_id_seq; Type: SEQUENCE OWNED BY; Schema: tracking; Owner: kestrel
--

ALTER SEQUENCE tracking.milestone_id_seq OWNED BY tracking.milestone.id;

--
-- Name: parcel_last_scan; Type: VIEW; Schema: tracking; Owner: kestrel
--

CREATE VIEW tracking.parcel_last_scan AS
 SELECT DISTINCT ON (e.parcel_id) e.parcel_id,
    e.event_code,
    e.depot_id,
    e.scanned_at
   FROM tracking.scan_event e
  ORDER BY e.parcel_id, e.scanned_at DESC;


ALTER VIEW tracking.parcel_last_scan OWNER TO kestrel;

--
-- Name: scan_event; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    scanner_id integer,
    depot_id integer,
    event_code character varying(12) NOT NULL,
    scanned_at timestamp with time zone NOT NULL,
    payload jsonb
)
PARTITION BY RANGE (scanned_at);


ALTER TABLE tracking.scan_event OWNER TO kestrel;

--
-- Name: scan_event_id_seq; Type: SEQUENCE; Schema: tracking; Owner: kestrel
--

CREATE SEQUENCE tracking.scan_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE tracking.scan_event_id_seq OWNER TO kestrel;

--
-- Name: scan_event_id_seq; Type: SEQUENCE OWNED BY; Schema: tracking; Owner: kestrel
--

ALTER SEQUENCE tracking.scan_event_id_seq OWNED BY tracking.scan_event.id;

--
-- Name: scan_event_2025_03; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_03 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_03 OWNER TO kestrel;

--
-- Name: scan_event_2025_04; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_04 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-04-01 00:00:00+00') TO ('2025-05-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_04 OWNER TO kestrel;

--
-- Name: scan_event_2025_05; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_05 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-05-01 00:00:00+00') TO ('2025-06-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_05 OWNER TO kestrel;

--
-- Name: scan_event_2025_06; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_06 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-06-01 00:00:00+00') TO ('2025-07-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_06 OWNER TO kestrel;

--
-- Name: scan_event_2025_07; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_07 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-07-01 00:00:00+00') TO ('2025-08-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_07 OWNER TO kestrel;

--
-- Name: scan_event_2025_08; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_08 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-08-01 00:00:00+00') TO ('2025-09-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_08 OWNER TO kestrel;

--
-- Name: scan_event_2025_09; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_09 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-09-01 00:00:00+00') TO ('2025-10-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_09 OWNER TO kestrel;

--
-- Name: scan_event_2025_10; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_10 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_10 OWNER TO kestrel;

--
-- Name: scan_event_2025_11; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_11 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_11 OWNER TO kestrel;

--
-- Name: scan_event_2025_12; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2025_12 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2025_12 OWNER TO kestrel;

--
-- Name: scan_event_2026_01; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2026_01 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2026_01 OWNER TO kestrel;

--
-- Name: scan_event_2026_02; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2026_02 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2026_02 OWNER TO kestrel;

--
-- Name: scan_event_2026_03; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_2026_03 PARTITION OF tracking.scan_event
FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00');


ALTER TABLE tracking.scan_event_2026_03 OWNER TO kestrel;

--
-- Name: scan_event_default; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scan_event_default (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    scanner_id integer,
    depot_id integer,
    event_code character varying(12) NOT NULL,
    scanned_at timestamp with time zone NOT NULL,
    payload jsonb
);


ALTER TABLE tracking.scan_event_default OWNER TO kestrel;

--
-- Name: scanner; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.scanner (
    id integer NOT NULL,
    serial_no character varying(24) NOT NULL,
    depot_id integer NOT NULL,
    model character varying(30),
    last_seen_at timestamp with time zone
);


ALTER TABLE tracking.scanner OWNER TO kestrel;

--
-- Name: scanner_id_seq; Type: SEQUENCE; Schema: tracking; Owner: kestrel
--

CREATE SEQUENCE tracking.scanner_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE tracking.scanner_id_seq OWNER TO kestrel;

--
-- Name: scanner_id_seq; Type: SEQUENCE OWNED BY; Schema: tracking; Owner: kestrel
--

ALTER SEQUENCE tracking.scanner_id_seq OWNED BY tracking.scanner.id;

--
-- Name: watch; Type: TABLE; Schema: tracking; Owner: kestrel
--

CREATE TABLE tracking.watch (
    id bigint NOT NULL,
    parcel_id bigint NOT NULL,
    channel character varying(8) NOT NULL,
    address text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE tracking.watch OWNER TO kestrel;

--
-- Name: watch_id_seq; Type: SEQUENCE; Schema: tracking; Owner: kestrel
--

CREATE SEQUENCE tracking.watch_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE tracking.watch_id_seq OWNER TO kestrel;

--
-- Name: watch_id_seq; Type: SEQUENCE OWNED BY; Schema: tracking; Owner: kestrel
--

ALTER SEQUENCE tracking.watch_id_seq OWNED BY tracking.watch.id;

--
-- Name: scan_event_default; Type: TABLE ATTACH; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event ATTACH PARTITION tracking.scan_event_default DEFAULT;

--
-- Name: credit_note id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.credit_note ALTER COLUMN id SET DEFAULT nextval('billing.credit_note_id_seq'::regclass);

--
-- Name: invoice id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice ALTER COLUMN id SET DEFAULT nextval('billing.invoice_id_seq'::regclass);

--
-- Name: invoice_line id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice_line ALTER COLUMN id SET DEFAULT nextval('billing.invoice_line_id_seq'::regclass);

--
-- Name: payment id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.payment ALTER COLUMN id SET DEFAULT nextval('billing.payment_id_seq'::regclass);

--
-- Name: surcharge id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.surcharge ALTER COLUMN id SET DEFAULT nextval('billing.surcharge_id_seq'::regclass);

--
-- Name: tariff id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.tariff ALTER COLUMN id SET DEFAULT nextval('billing.tariff_id_seq'::regclass);

--
-- Name: tariff_band id; Type: DEFAULT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.tariff_band ALTER COLUMN id SET DEFAULT nextval('billing.tariff_band_id_seq'::regclass);

--
-- Name: customs_declaration id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.customs_declaration ALTER COLUMN id SET DEFAULT nextval('booking.customs_declaration_id_seq'::regclass);

--
-- Name: dangerous_goods id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.dangerous_goods ALTER COLUMN id SET DEFAULT nextval('booking.dangerous_goods_id_seq'::regclass);

--
-- Name: label id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.label ALTER COLUMN id SET DEFAULT nextval('booking.label_id_seq'::regclass);

--
-- Name: parcel id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel ALTER COLUMN id SET DEFAULT nextval('booking.parcel_id_seq'::regclass);

--
-- Name: parcel_item id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel_item ALTER COLUMN id SET DEFAULT nextval('booking.parcel_item_id_seq'::regclass);

--
-- Name: pickup_request id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_request ALTER COLUMN id SET DEFAULT nextval('booking.pickup_request_id_seq'::regclass);

--
-- Name: pickup_window id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_window ALTER COLUMN id SET DEFAULT nextval('booking.pickup_window_id_seq'::regclass);

--
-- Name: shipment id; Type: DEFAULT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment ALTER COLUMN id SET DEFAULT nextval('booking.shipment_id_seq'::regclass);

--
-- Name: claim id; Type: DEFAULT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim ALTER COLUMN id SET DEFAULT nextval('claims.claim_id_seq'::regclass);

--
-- Name: claim_decision id; Type: DEFAULT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_decision ALTER COLUMN id SET DEFAULT nextval('claims.claim_decision_id_seq'::regclass);

--
-- Name: claim_document id; Type: DEFAULT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_document ALTER COLUMN id SET DEFAULT nextval('claims.claim_document_id_seq'::regclass);

--
-- Name: account id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account ALTER COLUMN id SET DEFAULT nextval('customer.account_id_seq'::regclass);

--
-- Name: account_note id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account_note ALTER COLUMN id SET DEFAULT nextval('customer.account_note_id_seq'::regclass);

--
-- Name: address id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.address ALTER COLUMN id SET DEFAULT nextval('customer.address_id_seq'::regclass);

--
-- Name: api_key id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.api_key ALTER COLUMN id SET DEFAULT nextval('customer.api_key_id_seq'::regclass);

--
-- Name: contact id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contact ALTER COLUMN id SET DEFAULT nextval('customer.contact_id_seq'::regclass);

--
-- Name: contract id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract ALTER COLUMN id SET DEFAULT nextval('customer.contract_id_seq'::regclass);

--
-- Name: contract_rate id; Type: DEFAULT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract_rate ALTER COLUMN id SET DEFAULT nextval('customer.contract_rate_id_seq'::regclass);

--
-- Name: delivery_attempt id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_attempt ALTER COLUMN id SET DEFAULT nextval('dispatch.delivery_attempt_id_seq'::regclass);

--
-- Name: delivery_exception id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_exception ALTER COLUMN id SET DEFAULT nextval('dispatch.delivery_exception_id_seq'::regclass);

--
-- Name: linehaul_trip id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.linehaul_trip ALTER COLUMN id SET DEFAULT nextval('dispatch.linehaul_trip_id_seq'::regclass);

--
-- Name: proof_of_delivery id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.proof_of_delivery ALTER COLUMN id SET DEFAULT nextval('dispatch.proof_of_delivery_id_seq'::regclass);

--
-- Name: redelivery_request id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.redelivery_request ALTER COLUMN id SET DEFAULT nextval('dispatch.redelivery_request_id_seq'::regclass);

--
-- Name: roll_cage id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.roll_cage ALTER COLUMN id SET DEFAULT nextval('dispatch.roll_cage_id_seq'::regclass);

--
-- Name: route_plan id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_plan ALTER COLUMN id SET DEFAULT nextval('dispatch.route_plan_id_seq'::regclass);

--
-- Name: route_stop id; Type: DEFAULT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_stop ALTER COLUMN id SET DEFAULT nextval('dispatch.route_stop_id_seq'::regclass);

--
-- Name: driver id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver ALTER COLUMN id SET DEFAULT nextval('fleet.driver_id_seq'::regclass);

--
-- Name: driver_licence id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver_licence ALTER COLUMN id SET DEFAULT nextval('fleet.driver_licence_id_seq'::regclass);

--
-- Name: fuel_card id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_card ALTER COLUMN id SET DEFAULT nextval('fleet.fuel_card_id_seq'::regclass);

--
-- Name: fuel_purchase id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_purchase ALTER COLUMN id SET DEFAULT nextval('fleet.fuel_purchase_id_seq'::regclass);

--
-- Name: maintenance_job id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.maintenance_job ALTER COLUMN id SET DEFAULT nextval('fleet.maintenance_job_id_seq'::regclass);

--
-- Name: shift id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.shift ALTER COLUMN id SET DEFAULT nextval('fleet.shift_id_seq'::regclass);

--
-- Name: telematics_reading id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.telematics_reading ALTER COLUMN id SET DEFAULT nextval('fleet.telematics_reading_id_seq'::regclass);

--
-- Name: vehicle id; Type: DEFAULT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle ALTER COLUMN id SET DEFAULT nextval('fleet.vehicle_id_seq'::regclass);

--
-- Name: import_batch id; Type: DEFAULT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.import_batch ALTER COLUMN id SET DEFAULT nextval('legacy.import_batch_id_seq'::regclass);

--
-- Name: price_list_2019 id; Type: DEFAULT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.price_list_2019 ALTER COLUMN id SET DEFAULT nextval('legacy.price_list_2019_id_seq'::regclass);

--
-- Name: depot id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.depot ALTER COLUMN id SET DEFAULT nextval('network.depot_id_seq'::regclass);

--
-- Name: holiday id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.holiday ALTER COLUMN id SET DEFAULT nextval('network.holiday_id_seq'::regclass);

--
-- Name: hub id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.hub ALTER COLUMN id SET DEFAULT nextval('network.hub_id_seq'::regclass);

--
-- Name: lane id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.lane ALTER COLUMN id SET DEFAULT nextval('network.lane_id_seq'::regclass);

--
-- Name: postcode_zone id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.postcode_zone ALTER COLUMN id SET DEFAULT nextval('network.postcode_zone_id_seq'::regclass);

--
-- Name: region id; Type: DEFAULT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.region ALTER COLUMN id SET DEFAULT nextval('network.region_id_seq'::regclass);

--
-- Name: message id; Type: DEFAULT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.message ALTER COLUMN id SET DEFAULT nextval('notify.message_id_seq'::regclass);

--
-- Name: preference id; Type: DEFAULT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.preference ALTER COLUMN id SET DEFAULT nextval('notify.preference_id_seq'::regclass);

--
-- Name: template id; Type: DEFAULT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.template ALTER COLUMN id SET DEFAULT nextval('notify.template_id_seq'::regclass);

--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: kestrel
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);

--
-- Name: milestone id; Type: DEFAULT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.milestone ALTER COLUMN id SET DEFAULT nextval('tracking.milestone_id_seq'::regclass);

--
-- Name: scan_event id; Type: DEFAULT; Schema: tracking; Owner: kestrel
--

ALTER TABLE tracking.scan_event ALTER COLUMN id SET DEFAULT nextval('tracking.scan_event_id_seq'::regclass);

--
-- Name: scanner id; Type: DEFAULT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scanner ALTER COLUMN id SET DEFAULT nextval('tracking.scanner_id_seq'::regclass);

--
-- Name: watch id; Type: DEFAULT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.watch ALTER COLUMN id SET DEFAULT nextval('tracking.watch_id_seq'::regclass);

--
-- Name: service_level; Type: TABLE DATA; Schema: network; Owner: kestrel
--

COPY network.service_level (id, code, name, promised_days, cutoff) FROM stdin;
1	NEXT_DAY	Next working day	1	17:30:00
2	PRE_NOON	Next working day before noon	1	16:00:00
3	TWO_DAY	Two working days	2	18:00:00
4	ECONOMY	Economy; no Saturday delivery	4	19:00:00
5	PALLET	Pallet; tail-lift on request	3	12:00:00
\.


--
-- Name: vehicle_type; Type: TABLE DATA; Schema: fleet; Owner: kestrel
--

COPY fleet.vehicle_type (id, name, payload_kg, volume_m3) FROM stdin;
1	Cargo bike	120	0.80
2	Small van	800	5.50
3	Long-wheelbase van	1300	13.00
4	7.5 t box lorry	2900	36.00
5	Articulated trailer	24000	88.00
\.


--
-- Name: credit_note credit_note_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.credit_note
    ADD CONSTRAINT credit_note_pkey PRIMARY KEY (id);

--
-- Name: fuel_index fuel_index_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.fuel_index
    ADD CONSTRAINT fuel_index_pkey PRIMARY KEY (month);

--
-- Name: invoice invoice_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice
    ADD CONSTRAINT invoice_pkey PRIMARY KEY (id);

--
-- Name: invoice_line invoice_line_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice_line
    ADD CONSTRAINT invoice_line_pkey PRIMARY KEY (id);

--
-- Name: payment payment_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.payment
    ADD CONSTRAINT payment_pkey PRIMARY KEY (id);

--
-- Name: surcharge surcharge_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.surcharge
    ADD CONSTRAINT surcharge_pkey PRIMARY KEY (id);

--
-- Name: tariff tariff_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.tariff
    ADD CONSTRAINT tariff_pkey PRIMARY KEY (id);

--
-- Name: tariff_band tariff_band_pkey; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.tariff_band
    ADD CONSTRAINT tariff_band_pkey PRIMARY KEY (id);

--
-- Name: customs_declaration customs_declaration_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.customs_declaration
    ADD CONSTRAINT customs_declaration_pkey PRIMARY KEY (id);

--
-- Name: dangerous_goods dangerous_goods_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.dangerous_goods
    ADD CONSTRAINT dangerous_goods_pkey PRIMARY KEY (id);

--
-- Name: label label_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.label
    ADD CONSTRAINT label_pkey PRIMARY KEY (id);

--
-- Name: parcel parcel_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel
    ADD CONSTRAINT parcel_pkey PRIMARY KEY (id);

--
-- Name: parcel_item parcel_item_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel_item
    ADD CONSTRAINT parcel_item_pkey PRIMARY KEY (id);

--
-- Name: pickup_request pickup_request_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_request
    ADD CONSTRAINT pickup_request_pkey PRIMARY KEY (id);

--
-- Name: pickup_window pickup_window_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_window
    ADD CONSTRAINT pickup_window_pkey PRIMARY KEY (id);

--
-- Name: shipment shipment_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_pkey PRIMARY KEY (id);

--
-- Name: shipment_reference shipment_reference_pkey; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment_reference
    ADD CONSTRAINT shipment_reference_pkey PRIMARY KEY (shipment_id, kind);

--
-- Name: claim claim_pkey; Type: CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim
    ADD CONSTRAINT claim_pkey PRIMARY KEY (id);

--
-- Name: claim_decision claim_decision_pkey; Type: CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_decision
    ADD CONSTRAINT claim_decision_pkey PRIMARY KEY (id);

--
-- Name: claim_document claim_document_pkey; Type: CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_document
    ADD CONSTRAINT claim_document_pkey PRIMARY KEY (id);

--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);

--
-- Name: account_note account_note_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account_note
    ADD CONSTRAINT account_note_pkey PRIMARY KEY (id);

--
-- Name: address address_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.address
    ADD CONSTRAINT address_pkey PRIMARY KEY (id);

--
-- Name: api_key api_key_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.api_key
    ADD CONSTRAINT api_key_pkey PRIMARY KEY (id);

--
-- Name: contact contact_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contact
    ADD CONSTRAINT contact_pkey PRIMARY KEY (id);

--
-- Name: contract contract_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract
    ADD CONSTRAINT contract_pkey PRIMARY KEY (id);

--
-- Name: contract_rate contract_rate_pkey; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract_rate
    ADD CONSTRAINT contract_rate_pkey PRIMARY KEY (id);

--
-- Name: delivery_attempt delivery_attempt_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_attempt
    ADD CONSTRAINT delivery_attempt_pkey PRIMARY KEY (id);

--
-- Name: delivery_exception delivery_exception_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_exception
    ADD CONSTRAINT delivery_exception_pkey PRIMARY KEY (id);

--
-- Name: linehaul_trip linehaul_trip_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.linehaul_trip
    ADD CONSTRAINT linehaul_trip_pkey PRIMARY KEY (id);

--
-- Name: proof_of_delivery proof_of_delivery_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.proof_of_delivery
    ADD CONSTRAINT proof_of_delivery_pkey PRIMARY KEY (id);

--
-- Name: redelivery_request redelivery_request_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.redelivery_request
    ADD CONSTRAINT redelivery_request_pkey PRIMARY KEY (id);

--
-- Name: roll_cage roll_cage_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.roll_cage
    ADD CONSTRAINT roll_cage_pkey PRIMARY KEY (id);

--
-- Name: route_plan route_plan_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_plan
    ADD CONSTRAINT route_plan_pkey PRIMARY KEY (id);

--
-- Name: route_stop route_stop_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_stop
    ADD CONSTRAINT route_stop_pkey PRIMARY KEY (id);

--
-- Name: stop_parcel stop_parcel_pkey; Type: CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.stop_parcel
    ADD CONSTRAINT stop_parcel_pkey PRIMARY KEY (route_stop_id, parcel_id);

--
-- Name: driver driver_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver
    ADD CONSTRAINT driver_pkey PRIMARY KEY (id);

--
-- Name: driver_licence driver_licence_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver_licence
    ADD CONSTRAINT driver_licence_pkey PRIMARY KEY (id);

--
-- Name: fuel_card fuel_card_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_card
    ADD CONSTRAINT fuel_card_pkey PRIMARY KEY (id);

--
-- Name: fuel_purchase fuel_purchase_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_purchase
    ADD CONSTRAINT fuel_purchase_pkey PRIMARY KEY (id);

--
-- Name: maintenance_job maintenance_job_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.maintenance_job
    ADD CONSTRAINT maintenance_job_pkey PRIMARY KEY (id);

--
-- Name: shift shift_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.shift
    ADD CONSTRAINT shift_pkey PRIMARY KEY (id);

--
-- Name: telematics_reading telematics_reading_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.telematics_reading
    ADD CONSTRAINT telematics_reading_pkey PRIMARY KEY (id);

--
-- Name: vehicle vehicle_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle
    ADD CONSTRAINT vehicle_pkey PRIMARY KEY (id);

--
-- Name: vehicle_type vehicle_type_pkey; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle_type
    ADD CONSTRAINT vehicle_type_pkey PRIMARY KEY (id);

--
-- Name: depot_code_map depot_code_map_pkey; Type: CONSTRAINT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.depot_code_map
    ADD CONSTRAINT depot_code_map_pkey PRIMARY KEY (old_code);

--
-- Name: import_batch import_batch_pkey; Type: CONSTRAINT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.import_batch
    ADD CONSTRAINT import_batch_pkey PRIMARY KEY (id);

--
-- Name: price_list_2019 price_list_2019_pkey; Type: CONSTRAINT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.price_list_2019
    ADD CONSTRAINT price_list_2019_pkey PRIMARY KEY (id);

--
-- Name: country country_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.country
    ADD CONSTRAINT country_pkey PRIMARY KEY (code);

--
-- Name: depot depot_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.depot
    ADD CONSTRAINT depot_pkey PRIMARY KEY (id);

--
-- Name: holiday holiday_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.holiday
    ADD CONSTRAINT holiday_pkey PRIMARY KEY (id);

--
-- Name: hub hub_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.hub
    ADD CONSTRAINT hub_pkey PRIMARY KEY (id);

--
-- Name: lane lane_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.lane
    ADD CONSTRAINT lane_pkey PRIMARY KEY (id);

--
-- Name: postcode_zone postcode_zone_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.postcode_zone
    ADD CONSTRAINT postcode_zone_pkey PRIMARY KEY (id);

--
-- Name: region region_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.region
    ADD CONSTRAINT region_pkey PRIMARY KEY (id);

--
-- Name: service_level service_level_pkey; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.service_level
    ADD CONSTRAINT service_level_pkey PRIMARY KEY (id);

--
-- Name: message message_pkey; Type: CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.message
    ADD CONSTRAINT message_pkey PRIMARY KEY (id);

--
-- Name: preference preference_pkey; Type: CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.preference
    ADD CONSTRAINT preference_pkey PRIMARY KEY (id);

--
-- Name: template template_pkey; Type: CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.template
    ADD CONSTRAINT template_pkey PRIMARY KEY (id);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: kestrel
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: milestone milestone_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.milestone
    ADD CONSTRAINT milestone_pkey PRIMARY KEY (id);

--
-- Name: scan_event scan_event_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event
    ADD CONSTRAINT scan_event_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_03 scan_event_2025_03_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_03
    ADD CONSTRAINT scan_event_2025_03_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_04 scan_event_2025_04_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_04
    ADD CONSTRAINT scan_event_2025_04_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_05 scan_event_2025_05_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_05
    ADD CONSTRAINT scan_event_2025_05_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_06 scan_event_2025_06_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_06
    ADD CONSTRAINT scan_event_2025_06_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_07 scan_event_2025_07_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_07
    ADD CONSTRAINT scan_event_2025_07_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_08 scan_event_2025_08_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_08
    ADD CONSTRAINT scan_event_2025_08_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_09 scan_event_2025_09_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_09
    ADD CONSTRAINT scan_event_2025_09_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_10 scan_event_2025_10_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_10
    ADD CONSTRAINT scan_event_2025_10_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_11 scan_event_2025_11_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_11
    ADD CONSTRAINT scan_event_2025_11_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2025_12 scan_event_2025_12_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2025_12
    ADD CONSTRAINT scan_event_2025_12_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2026_01 scan_event_2026_01_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2026_01
    ADD CONSTRAINT scan_event_2026_01_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2026_02 scan_event_2026_02_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2026_02
    ADD CONSTRAINT scan_event_2026_02_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_2026_03 scan_event_2026_03_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_2026_03
    ADD CONSTRAINT scan_event_2026_03_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scan_event_default scan_event_default_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scan_event_default
    ADD CONSTRAINT scan_event_default_pkey PRIMARY KEY (id, scanned_at);

--
-- Name: scanner scanner_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scanner
    ADD CONSTRAINT scanner_pkey PRIMARY KEY (id);

--
-- Name: watch watch_pkey; Type: CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.watch
    ADD CONSTRAINT watch_pkey PRIMARY KEY (id);

--
-- Name: account account_account_no_key; Type: CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account
    ADD CONSTRAINT account_account_no_key UNIQUE (account_no);

--
-- Name: shipment shipment_reference_key; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_reference_key UNIQUE (reference);

--
-- Name: parcel parcel_barcode_key; Type: CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel
    ADD CONSTRAINT parcel_barcode_key UNIQUE (barcode);

--
-- Name: invoice invoice_invoice_no_key; Type: CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice
    ADD CONSTRAINT invoice_invoice_no_key UNIQUE (invoice_no);

--
-- Name: claim claim_claim_no_key; Type: CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim
    ADD CONSTRAINT claim_claim_no_key UNIQUE (claim_no);

--
-- Name: vehicle vehicle_registration_key; Type: CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle
    ADD CONSTRAINT vehicle_registration_key UNIQUE (registration);

--
-- Name: depot depot_code_key; Type: CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.depot
    ADD CONSTRAINT depot_code_key UNIQUE (code);

--
-- Name: shipment_account_id_idx; Type: INDEX; Schema: booking; Owner: kestrel
--

CREATE INDEX shipment_account_id_idx ON booking.shipment USING btree (account_id);

--
-- Name: shipment_booked_at_idx; Type: INDEX; Schema: booking; Owner: kestrel
--

CREATE INDEX shipment_booked_at_idx ON booking.shipment USING btree (booked_at);

--
-- Name: parcel_shipment_id_idx; Type: INDEX; Schema: booking; Owner: kestrel
--

CREATE INDEX parcel_shipment_id_idx ON booking.parcel USING btree (shipment_id);

--
-- Name: route_plan_plan_date_idx; Type: INDEX; Schema: dispatch; Owner: kestrel
--

CREATE INDEX route_plan_plan_date_idx ON dispatch.route_plan USING btree (plan_date);

--
-- Name: delivery_attempt_parcel_id_idx; Type: INDEX; Schema: dispatch; Owner: kestrel
--

CREATE INDEX delivery_attempt_parcel_id_idx ON dispatch.delivery_attempt USING btree (parcel_id);

--
-- Name: invoice_line_invoice_id_idx; Type: INDEX; Schema: billing; Owner: kestrel
--

CREATE INDEX invoice_line_invoice_id_idx ON billing.invoice_line USING btree (invoice_id);

--
-- Name: milestone_parcel_id_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX milestone_parcel_id_idx ON tracking.milestone USING btree (parcel_id);

--
-- Name: audit_log_happened_at_idx; Type: INDEX; Schema: public; Owner: kestrel
--

CREATE INDEX audit_log_happened_at_idx ON public.audit_log USING btree (happened_at);

--
-- Name: scan_event_parcel_id_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_parcel_id_idx ON ONLY tracking.scan_event USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_03_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_03_parcel_id_scanned_at_idx ON tracking.scan_event_2025_03 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_04_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_04_parcel_id_scanned_at_idx ON tracking.scan_event_2025_04 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_05_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_05_parcel_id_scanned_at_idx ON tracking.scan_event_2025_05 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_06_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_06_parcel_id_scanned_at_idx ON tracking.scan_event_2025_06 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_07_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_07_parcel_id_scanned_at_idx ON tracking.scan_event_2025_07 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_08_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_08_parcel_id_scanned_at_idx ON tracking.scan_event_2025_08 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_09_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_09_parcel_id_scanned_at_idx ON tracking.scan_event_2025_09 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_10_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_10_parcel_id_scanned_at_idx ON tracking.scan_event_2025_10 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_11_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_11_parcel_id_scanned_at_idx ON tracking.scan_event_2025_11 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_12_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2025_12_parcel_id_scanned_at_idx ON tracking.scan_event_2025_12 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2026_01_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2026_01_parcel_id_scanned_at_idx ON tracking.scan_event_2026_01 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2026_02_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2026_02_parcel_id_scanned_at_idx ON tracking.scan_event_2026_02 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2026_03_parcel_id_scanned_at_idx; Type: INDEX; Schema: tracking; Owner: kestrel
--

CREATE INDEX scan_event_2026_03_parcel_id_scanned_at_idx ON tracking.scan_event_2026_03 USING btree (parcel_id, scanned_at);

--
-- Name: scan_event_2025_03_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_03_pkey;

--
-- Name: scan_event_2025_04_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_04_pkey;

--
-- Name: scan_event_2025_05_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_05_pkey;

--
-- Name: scan_event_2025_06_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_06_pkey;

--
-- Name: scan_event_2025_07_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_07_pkey;

--
-- Name: scan_event_2025_08_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_08_pkey;

--
-- Name: scan_event_2025_09_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_09_pkey;

--
-- Name: scan_event_2025_10_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_10_pkey;

--
-- Name: scan_event_2025_11_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_11_pkey;

--
-- Name: scan_event_2025_12_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2025_12_pkey;

--
-- Name: scan_event_2026_01_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2026_01_pkey;

--
-- Name: scan_event_2026_02_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2026_02_pkey;

--
-- Name: scan_event_2026_03_pkey; Type: INDEX ATTACH; Schema: tracking; Owner: kestrel
--

ALTER INDEX tracking.scan_event_pkey ATTACH PARTITION tracking.scan_event_2026_03_pkey;

--
-- Name: shipment shipment_touch; Type: TRIGGER; Schema: booking; Owner: kestrel
--

CREATE TRIGGER shipment_touch BEFORE UPDATE ON booking.shipment FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

--
-- Name: account account_touch; Type: TRIGGER; Schema: customer; Owner: kestrel
--

CREATE TRIGGER account_touch BEFORE UPDATE ON customer.account FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

--
-- Name: credit_note credit_note_claim_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.credit_note
    ADD CONSTRAINT credit_note_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims.claim(id);

--
-- Name: credit_note credit_note_invoice_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.credit_note
    ADD CONSTRAINT credit_note_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoice(id);

--
-- Name: invoice invoice_account_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice
    ADD CONSTRAINT invoice_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id);

--
-- Name: invoice_line invoice_line_invoice_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice_line
    ADD CONSTRAINT invoice_line_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoice(id) ON DELETE CASCADE;

--
-- Name: invoice_line invoice_line_shipment_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.invoice_line
    ADD CONSTRAINT invoice_line_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES booking.shipment(id);

--
-- Name: payment payment_invoice_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.payment
    ADD CONSTRAINT payment_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoice(id);

--
-- Name: surcharge surcharge_shipment_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.surcharge
    ADD CONSTRAINT surcharge_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES booking.shipment(id);

--
-- Name: tariff_band tariff_band_tariff_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: kestrel
--

ALTER TABLE ONLY billing.tariff_band
    ADD CONSTRAINT tariff_band_tariff_id_fkey FOREIGN KEY (tariff_id) REFERENCES billing.tariff(id) ON DELETE CASCADE;

--
-- Name: customs_declaration customs_declaration_shipment_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.customs_declaration
    ADD CONSTRAINT customs_declaration_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES booking.shipment(id) ON DELETE CASCADE;

--
-- Name: dangerous_goods dangerous_goods_parcel_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.dangerous_goods
    ADD CONSTRAINT dangerous_goods_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id) ON DELETE CASCADE;

--
-- Name: label label_parcel_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.label
    ADD CONSTRAINT label_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id) ON DELETE CASCADE;

--
-- Name: parcel parcel_shipment_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel
    ADD CONSTRAINT parcel_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES booking.shipment(id) ON DELETE CASCADE;

--
-- Name: parcel_item parcel_item_origin_country_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel_item
    ADD CONSTRAINT parcel_item_origin_country_fkey FOREIGN KEY (origin_country) REFERENCES network.country(code);

--
-- Name: parcel_item parcel_item_parcel_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.parcel_item
    ADD CONSTRAINT parcel_item_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id) ON DELETE CASCADE;

--
-- Name: pickup_request pickup_request_account_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_request
    ADD CONSTRAINT pickup_request_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id);

--
-- Name: pickup_request pickup_request_address_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_request
    ADD CONSTRAINT pickup_request_address_id_fkey FOREIGN KEY (address_id) REFERENCES customer.address(id);

--
-- Name: pickup_window pickup_window_pickup_request_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.pickup_window
    ADD CONSTRAINT pickup_window_pickup_request_id_fkey FOREIGN KEY (pickup_request_id) REFERENCES booking.pickup_request(id) ON DELETE CASCADE;

--
-- Name: shipment shipment_account_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id);

--
-- Name: shipment shipment_destination_depot_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_destination_depot_id_fkey FOREIGN KEY (destination_depot_id) REFERENCES network.depot(id);

--
-- Name: shipment shipment_origin_depot_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_origin_depot_id_fkey FOREIGN KEY (origin_depot_id) REFERENCES network.depot(id);

--
-- Name: shipment shipment_sender_address_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_sender_address_id_fkey FOREIGN KEY (sender_address_id) REFERENCES customer.address(id);

--
-- Name: shipment shipment_service_level_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment
    ADD CONSTRAINT shipment_service_level_id_fkey FOREIGN KEY (service_level_id) REFERENCES network.service_level(id);

--
-- Name: shipment_reference shipment_reference_shipment_id_fkey; Type: FK CONSTRAINT; Schema: booking; Owner: kestrel
--

ALTER TABLE ONLY booking.shipment_reference
    ADD CONSTRAINT shipment_reference_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES booking.shipment(id) ON DELETE CASCADE;

--
-- Name: claim claim_account_id_fkey; Type: FK CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim
    ADD CONSTRAINT claim_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id);

--
-- Name: claim claim_parcel_id_fkey; Type: FK CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim
    ADD CONSTRAINT claim_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: claim_decision claim_decision_claim_id_fkey; Type: FK CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_decision
    ADD CONSTRAINT claim_decision_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims.claim(id);

--
-- Name: claim_document claim_document_claim_id_fkey; Type: FK CONSTRAINT; Schema: claims; Owner: kestrel
--

ALTER TABLE ONLY claims.claim_document
    ADD CONSTRAINT claim_document_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims.claim(id) ON DELETE CASCADE;

--
-- Name: account_note account_note_account_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.account_note
    ADD CONSTRAINT account_note_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id) ON DELETE CASCADE;

--
-- Name: address address_account_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.address
    ADD CONSTRAINT address_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id) ON DELETE CASCADE;

--
-- Name: address address_country_code_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.address
    ADD CONSTRAINT address_country_code_fkey FOREIGN KEY (country_code) REFERENCES network.country(code);

--
-- Name: api_key api_key_account_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.api_key
    ADD CONSTRAINT api_key_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id) ON DELETE CASCADE;

--
-- Name: contact contact_account_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contact
    ADD CONSTRAINT contact_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id) ON DELETE CASCADE;

--
-- Name: contract contract_account_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract
    ADD CONSTRAINT contract_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id);

--
-- Name: contract contract_service_level_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract
    ADD CONSTRAINT contract_service_level_id_fkey FOREIGN KEY (service_level_id) REFERENCES network.service_level(id);

--
-- Name: contract_rate contract_rate_contract_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract_rate
    ADD CONSTRAINT contract_rate_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES customer.contract(id) ON DELETE CASCADE;

--
-- Name: contract_rate contract_rate_tariff_band_id_fkey; Type: FK CONSTRAINT; Schema: customer; Owner: kestrel
--

ALTER TABLE ONLY customer.contract_rate
    ADD CONSTRAINT contract_rate_tariff_band_id_fkey FOREIGN KEY (tariff_band_id) REFERENCES billing.tariff_band(id);

--
-- Name: delivery_attempt delivery_attempt_driver_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_attempt
    ADD CONSTRAINT delivery_attempt_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES fleet.driver(id);

--
-- Name: delivery_attempt delivery_attempt_parcel_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_attempt
    ADD CONSTRAINT delivery_attempt_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: delivery_attempt delivery_attempt_route_stop_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_attempt
    ADD CONSTRAINT delivery_attempt_route_stop_id_fkey FOREIGN KEY (route_stop_id) REFERENCES dispatch.route_stop(id);

--
-- Name: delivery_exception delivery_exception_parcel_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.delivery_exception
    ADD CONSTRAINT delivery_exception_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: linehaul_trip linehaul_trip_lane_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.linehaul_trip
    ADD CONSTRAINT linehaul_trip_lane_id_fkey FOREIGN KEY (lane_id) REFERENCES network.lane(id);

--
-- Name: linehaul_trip linehaul_trip_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.linehaul_trip
    ADD CONSTRAINT linehaul_trip_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: proof_of_delivery proof_of_delivery_delivery_attempt_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.proof_of_delivery
    ADD CONSTRAINT proof_of_delivery_delivery_attempt_id_fkey FOREIGN KEY (delivery_attempt_id) REFERENCES dispatch.delivery_attempt(id) ON DELETE CASCADE;

--
-- Name: redelivery_request redelivery_request_parcel_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.redelivery_request
    ADD CONSTRAINT redelivery_request_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: roll_cage roll_cage_linehaul_trip_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.roll_cage
    ADD CONSTRAINT roll_cage_linehaul_trip_id_fkey FOREIGN KEY (linehaul_trip_id) REFERENCES dispatch.linehaul_trip(id) ON DELETE CASCADE;

--
-- Name: route_plan route_plan_depot_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_plan
    ADD CONSTRAINT route_plan_depot_id_fkey FOREIGN KEY (depot_id) REFERENCES network.depot(id);

--
-- Name: route_plan route_plan_driver_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_plan
    ADD CONSTRAINT route_plan_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES fleet.driver(id);

--
-- Name: route_plan route_plan_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_plan
    ADD CONSTRAINT route_plan_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: route_stop route_stop_route_plan_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.route_stop
    ADD CONSTRAINT route_stop_route_plan_id_fkey FOREIGN KEY (route_plan_id) REFERENCES dispatch.route_plan(id) ON DELETE CASCADE;

--
-- Name: stop_parcel stop_parcel_parcel_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.stop_parcel
    ADD CONSTRAINT stop_parcel_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: stop_parcel stop_parcel_route_stop_id_fkey; Type: FK CONSTRAINT; Schema: dispatch; Owner: kestrel
--

ALTER TABLE ONLY dispatch.stop_parcel
    ADD CONSTRAINT stop_parcel_route_stop_id_fkey FOREIGN KEY (route_stop_id) REFERENCES dispatch.route_stop(id) ON DELETE CASCADE;

--
-- Name: driver driver_home_depot_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver
    ADD CONSTRAINT driver_home_depot_id_fkey FOREIGN KEY (home_depot_id) REFERENCES network.depot(id);

--
-- Name: driver_licence driver_licence_driver_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.driver_licence
    ADD CONSTRAINT driver_licence_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES fleet.driver(id) ON DELETE CASCADE;

--
-- Name: fuel_card fuel_card_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_card
    ADD CONSTRAINT fuel_card_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: fuel_purchase fuel_purchase_fuel_card_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.fuel_purchase
    ADD CONSTRAINT fuel_purchase_fuel_card_id_fkey FOREIGN KEY (fuel_card_id) REFERENCES fleet.fuel_card(id);

--
-- Name: maintenance_job maintenance_job_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.maintenance_job
    ADD CONSTRAINT maintenance_job_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: shift shift_depot_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.shift
    ADD CONSTRAINT shift_depot_id_fkey FOREIGN KEY (depot_id) REFERENCES network.depot(id);

--
-- Name: shift shift_driver_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.shift
    ADD CONSTRAINT shift_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES fleet.driver(id);

--
-- Name: shift shift_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.shift
    ADD CONSTRAINT shift_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: telematics_reading telematics_reading_vehicle_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.telematics_reading
    ADD CONSTRAINT telematics_reading_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES fleet.vehicle(id);

--
-- Name: vehicle vehicle_home_depot_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle
    ADD CONSTRAINT vehicle_home_depot_id_fkey FOREIGN KEY (home_depot_id) REFERENCES network.depot(id);

--
-- Name: vehicle vehicle_vehicle_type_id_fkey; Type: FK CONSTRAINT; Schema: fleet; Owner: kestrel
--

ALTER TABLE ONLY fleet.vehicle
    ADD CONSTRAINT vehicle_vehicle_type_id_fkey FOREIGN KEY (vehicle_type_id) REFERENCES fleet.vehicle_type(id);

--
-- Name: depot_code_map depot_code_map_depot_id_fkey; Type: FK CONSTRAINT; Schema: legacy; Owner: kestrel
--

ALTER TABLE ONLY legacy.depot_code_map
    ADD CONSTRAINT depot_code_map_depot_id_fkey FOREIGN KEY (depot_id) REFERENCES network.depot(id);

--
-- Name: depot depot_region_id_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.depot
    ADD CONSTRAINT depot_region_id_fkey FOREIGN KEY (region_id) REFERENCES network.region(id);

--
-- Name: holiday holiday_country_code_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.holiday
    ADD CONSTRAINT holiday_country_code_fkey FOREIGN KEY (country_code) REFERENCES network.country(code);

--
-- Name: hub hub_region_id_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.hub
    ADD CONSTRAINT hub_region_id_fkey FOREIGN KEY (region_id) REFERENCES network.region(id);

--
-- Name: lane lane_from_hub_id_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.lane
    ADD CONSTRAINT lane_from_hub_id_fkey FOREIGN KEY (from_hub_id) REFERENCES network.hub(id);

--
-- Name: lane lane_to_hub_id_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.lane
    ADD CONSTRAINT lane_to_hub_id_fkey FOREIGN KEY (to_hub_id) REFERENCES network.hub(id);

--
-- Name: postcode_zone postcode_zone_depot_id_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.postcode_zone
    ADD CONSTRAINT postcode_zone_depot_id_fkey FOREIGN KEY (depot_id) REFERENCES network.depot(id);

--
-- Name: region region_country_code_fkey; Type: FK CONSTRAINT; Schema: network; Owner: kestrel
--

ALTER TABLE ONLY network.region
    ADD CONSTRAINT region_country_code_fkey FOREIGN KEY (country_code) REFERENCES network.country(code);

--
-- Name: message message_parcel_id_fkey; Type: FK CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.message
    ADD CONSTRAINT message_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: message message_template_id_fkey; Type: FK CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.message
    ADD CONSTRAINT message_template_id_fkey FOREIGN KEY (template_id) REFERENCES notify.template(id);

--
-- Name: preference preference_account_id_fkey; Type: FK CONSTRAINT; Schema: notify; Owner: kestrel
--

ALTER TABLE ONLY notify.preference
    ADD CONSTRAINT preference_account_id_fkey FOREIGN KEY (account_id) REFERENCES customer.account(id) ON DELETE CASCADE;

--
-- Name: milestone milestone_parcel_id_fkey; Type: FK CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.milestone
    ADD CONSTRAINT milestone_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: scan_event scan_event_parcel_id_fkey; Type: FK CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE tracking.scan_event
    ADD CONSTRAINT scan_event_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id);

--
-- Name: scan_event scan_event_scanner_id_fkey; Type: FK CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE tracking.scan_event
    ADD CONSTRAINT scan_event_scanner_id_fkey FOREIGN KEY (scanner_id) REFERENCES tracking.scanner(id);

--
-- Name: scanner scanner_depot_id_fkey; Type: FK CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.scanner
    ADD CONSTRAINT scanner_depot_id_fkey FOREIGN KEY (depot_id) REFERENCES network.depot(id);

--
-- Name: watch watch_parcel_id_fkey; Type: FK CONSTRAINT; Schema: tracking; Owner: kestrel
--

ALTER TABLE ONLY tracking.watch
    ADD CONSTRAINT watch_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES booking.parcel(id) ON DELETE CASCADE;

--
-- Name: SCHEMA billing; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA billing TO accounts_user;
GRANT USAGE ON SCHEMA billing TO billing_user;

--
-- Name: SCHEMA booking; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA booking TO billing_user;
GRANT USAGE ON SCHEMA booking TO booking_user;
GRANT USAGE ON SCHEMA booking TO claims_user;
GRANT USAGE ON SCHEMA booking TO dispatch_user;
GRANT USAGE ON SCHEMA booking TO tracking_user;

--
-- Name: SCHEMA claims; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA claims TO billing_user;
GRANT USAGE ON SCHEMA claims TO claims_user;

--
-- Name: SCHEMA customer; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA customer TO accounts_user;
GRANT USAGE ON SCHEMA customer TO billing_user;
GRANT USAGE ON SCHEMA customer TO booking_user;
GRANT USAGE ON SCHEMA customer TO claims_user;
GRANT USAGE ON SCHEMA customer TO notifications_user;

--
-- Name: SCHEMA dispatch; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA dispatch TO claims_user;
GRANT USAGE ON SCHEMA dispatch TO dispatch_user;
GRANT USAGE ON SCHEMA dispatch TO fleet_user;

--
-- Name: SCHEMA fleet; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA fleet TO dispatch_user;
GRANT USAGE ON SCHEMA fleet TO fleet_user;

--
-- Name: SCHEMA legacy; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA legacy TO billing_user;
GRANT USAGE ON SCHEMA legacy TO network_user;

--
-- Name: SCHEMA network; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA network TO accounts_user;
GRANT USAGE ON SCHEMA network TO booking_user;
GRANT USAGE ON SCHEMA network TO dispatch_user;
GRANT USAGE ON SCHEMA network TO fleet_user;
GRANT USAGE ON SCHEMA network TO network_user;

--
-- Name: SCHEMA notify; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA notify TO notifications_user;

--
-- Name: SCHEMA reporting; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA reporting TO reporting_user;

--
-- Name: SCHEMA tracking; Type: ACL; Schema: -; Owner: kestrel
--

GRANT USAGE ON SCHEMA tracking TO claims_user;
GRANT USAGE ON SCHEMA tracking TO dispatch_user;
GRANT USAGE ON SCHEMA tracking TO notifications_user;
GRANT USAGE ON SCHEMA tracking TO tracking_user;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO kestrel;

--
-- Name: TABLE credit_note; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.credit_note TO billing_user;

--
-- Name: TABLE fuel_index; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.fuel_index TO billing_user;

--
-- Name: TABLE invoice; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.invoice TO billing_user;

--
-- Name: TABLE invoice_line; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.invoice_line TO billing_user;

--
-- Name: TABLE payment; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.payment TO billing_user;

--
-- Name: TABLE surcharge; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.surcharge TO billing_user;

--
-- Name: TABLE tariff; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.tariff TO billing_user;

--
-- Name: TABLE tariff_band; Type: ACL; Schema: billing; Owner: kestrel
--

GRANT SELECT ON TABLE billing.tariff_band TO accounts_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.tariff_band TO billing_user;

--
-- Name: TABLE customs_declaration; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.customs_declaration TO booking_user;

--
-- Name: TABLE dangerous_goods; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.dangerous_goods TO booking_user;

--
-- Name: TABLE label; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.label TO booking_user;

--
-- Name: TABLE parcel; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT ON TABLE booking.parcel TO billing_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.parcel TO booking_user;
GRANT SELECT ON TABLE booking.parcel TO claims_user;
GRANT SELECT ON TABLE booking.parcel TO dispatch_user;
GRANT SELECT ON TABLE booking.parcel TO tracking_user;

--
-- Name: TABLE parcel_item; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.parcel_item TO booking_user;

--
-- Name: TABLE pickup_request; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.pickup_request TO booking_user;

--
-- Name: TABLE pickup_window; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.pickup_window TO booking_user;

--
-- Name: TABLE shipment; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.shipment TO billing_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.shipment TO booking_user;
GRANT SELECT ON TABLE booking.shipment TO claims_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.shipment TO dispatch_user;
GRANT SELECT ON TABLE booking.shipment TO tracking_user;

--
-- Name: TABLE shipment_reference; Type: ACL; Schema: booking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE booking.shipment_reference TO booking_user;

--
-- Name: TABLE claim; Type: ACL; Schema: claims; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE claims.claim TO claims_user;

--
-- Name: TABLE claim_decision; Type: ACL; Schema: claims; Owner: kestrel
--

GRANT SELECT ON TABLE claims.claim_decision TO billing_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE claims.claim_decision TO claims_user;

--
-- Name: TABLE claim_document; Type: ACL; Schema: claims; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE claims.claim_document TO claims_user;

--
-- Name: TABLE account; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.account TO accounts_user;
GRANT SELECT ON TABLE customer.account TO billing_user;
GRANT SELECT ON TABLE customer.account TO booking_user;
GRANT SELECT ON TABLE customer.account TO claims_user;

--
-- Name: TABLE account_note; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.account_note TO accounts_user;

--
-- Name: TABLE address; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.address TO accounts_user;
GRANT SELECT ON TABLE customer.address TO booking_user;

--
-- Name: TABLE api_key; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.api_key TO accounts_user;

--
-- Name: TABLE contact; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.contact TO accounts_user;
GRANT SELECT ON TABLE customer.contact TO notifications_user;

--
-- Name: TABLE contract; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.contract TO accounts_user;
GRANT SELECT ON TABLE customer.contract TO billing_user;
GRANT SELECT ON TABLE customer.contract TO booking_user;

--
-- Name: TABLE contract_rate; Type: ACL; Schema: customer; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE customer.contract_rate TO accounts_user;
GRANT SELECT ON TABLE customer.contract_rate TO billing_user;

--
-- Name: TABLE delivery_attempt; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.delivery_attempt TO dispatch_user;

--
-- Name: TABLE delivery_exception; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.delivery_exception TO dispatch_user;

--
-- Name: TABLE linehaul_trip; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.linehaul_trip TO dispatch_user;

--
-- Name: TABLE proof_of_delivery; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT ON TABLE dispatch.proof_of_delivery TO claims_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.proof_of_delivery TO dispatch_user;

--
-- Name: TABLE redelivery_request; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.redelivery_request TO dispatch_user;

--
-- Name: TABLE roll_cage; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.roll_cage TO dispatch_user;

--
-- Name: TABLE route_plan; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.route_plan TO dispatch_user;
GRANT SELECT ON TABLE dispatch.route_plan TO fleet_user;

--
-- Name: TABLE route_stop; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.route_stop TO dispatch_user;

--
-- Name: TABLE stop_parcel; Type: ACL; Schema: dispatch; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dispatch.stop_parcel TO dispatch_user;

--
-- Name: TABLE driver; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT ON TABLE fleet.driver TO dispatch_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.driver TO fleet_user;

--
-- Name: TABLE driver_licence; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.driver_licence TO fleet_user;

--
-- Name: TABLE fuel_card; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.fuel_card TO fleet_user;

--
-- Name: TABLE fuel_purchase; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.fuel_purchase TO fleet_user;

--
-- Name: TABLE maintenance_job; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.maintenance_job TO fleet_user;

--
-- Name: TABLE shift; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.shift TO fleet_user;

--
-- Name: TABLE telematics_reading; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.telematics_reading TO fleet_user;

--
-- Name: TABLE vehicle; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT ON TABLE fleet.vehicle TO dispatch_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.vehicle TO fleet_user;

--
-- Name: TABLE vehicle_type; Type: ACL; Schema: fleet; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE fleet.vehicle_type TO fleet_user;

--
-- Name: TABLE depot_code_map; Type: ACL; Schema: legacy; Owner: kestrel
--

GRANT SELECT ON TABLE legacy.depot_code_map TO network_user;

--
-- Name: TABLE price_list_2019; Type: ACL; Schema: legacy; Owner: kestrel
--

GRANT SELECT ON TABLE legacy.price_list_2019 TO billing_user;

--
-- Name: TABLE country; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.country TO accounts_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.country TO network_user;

--
-- Name: TABLE depot; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.depot TO dispatch_user;
GRANT SELECT ON TABLE network.depot TO fleet_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.depot TO network_user;

--
-- Name: TABLE holiday; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.holiday TO booking_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.holiday TO network_user;

--
-- Name: TABLE hub; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.hub TO network_user;

--
-- Name: TABLE lane; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.lane TO dispatch_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.lane TO network_user;

--
-- Name: TABLE postcode_zone; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.postcode_zone TO booking_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.postcode_zone TO network_user;

--
-- Name: TABLE region; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.region TO network_user;

--
-- Name: TABLE service_level; Type: ACL; Schema: network; Owner: kestrel
--

GRANT SELECT ON TABLE network.service_level TO accounts_user;
GRANT SELECT ON TABLE network.service_level TO booking_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE network.service_level TO network_user;

--
-- Name: TABLE message; Type: ACL; Schema: notify; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE notify.message TO notifications_user;

--
-- Name: TABLE preference; Type: ACL; Schema: notify; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE notify.preference TO notifications_user;

--
-- Name: TABLE template; Type: ACL; Schema: notify; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE notify.template TO notifications_user;

--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: kestrel
--

REVOKE ALL ON TABLE public.audit_log FROM PUBLIC;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.audit_log TO billing_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.audit_log TO booking_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.audit_log TO dispatch_user;

--
-- Name: TABLE account_revenue; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.account_revenue TO reporting_user;

--
-- Name: TABLE claims_open; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.claims_open TO reporting_user;

--
-- Name: TABLE depot_daily_volume; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.depot_daily_volume TO reporting_user;

--
-- Name: TABLE driver_day; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.driver_day TO reporting_user;

--
-- Name: TABLE lane_load; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.lane_load TO reporting_user;

--
-- Name: TABLE on_time_delivery; Type: ACL; Schema: reporting; Owner: kestrel
--

GRANT SELECT ON TABLE reporting.on_time_delivery TO reporting_user;

--
-- Name: TABLE milestone; Type: ACL; Schema: tracking; Owner: kestrel
--

GRANT SELECT ON TABLE tracking.milestone TO claims_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tracking.milestone TO tracking_user;

--
-- Name: TABLE parcel_last_scan; Type: ACL; Schema: tracking; Owner: kestrel
--

GRANT SELECT ON TABLE tracking.parcel_last_scan TO dispatch_user;

--
-- Name: TABLE scan_event; Type: ACL; Schema: tracking; Owner: kestrel
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tracking.scan_event TO tracking_user;

--
-- Name: TABLE scanner; Type: ACL; Schema: tracking; Owner: kestrel
--

GRANT SELECT ON TABLE tracking.scanner TO tracking_user;

--
-- Name: TABLE watch; Type: ACL; Schema: tracking; Owner: kestrel
--

GRANT SELECT ON TABLE tracking.watch TO notifications_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tracking.watch TO tracking_user;


--
-- PostgreSQL database dump complete
--

--
-- PostgreSQL database cluster dump complete
--
