# booking/models/shipment.py
from sqlalchemy import BigInteger, Column, DateTime, Enum, Integer, SmallInteger, String, Text

from booking.db import Base

SHIPMENT_STATUS = Enum('booked', 'collected', 'in_transit', 'out_for_delivery', 'delivered',
                       'returned', 'cancelled', name='shipment_status', schema='booking')


class Shipment(Base):
    __tablename__ = 'shipment'
    __table_args__ = {'schema': 'booking'}
    id = Column(BigInteger, primary_key=True)
    reference = Column(String(20), nullable=False)
    account_id = Column(BigInteger, nullable=False)
    service_level_id = Column(SmallInteger, nullable=False)
    origin_depot_id = Column(Integer, nullable=False)
    destination_depot_id = Column(Integer)
    sender_address_id = Column(BigInteger, nullable=False)
    recipient_name = Column(Text, nullable=False)
    recipient_line1 = Column(Text, nullable=False)
    recipient_postcode = Column(String(10), nullable=False)
    recipient_country = Column(String(2), nullable=False)
    status = Column(SHIPMENT_STATUS, nullable=False, default='booked')
    booked_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    delivered_at = Column(DateTime(timezone=True))

# tracking/models/shipment.py
# Tracking's own copy, trimmed to what a scan needs; nobody told it about delivered_at's type.
from sqlalchemy import BigInteger, Column, String

from tracking.db import Base


class Shipment(Base):
    __tablename__ = 'shipment'
    __table_args__ = {'schema': 'booking'}
    id = Column(BigInteger, primary_key=True)
    reference = Column(String(20), nullable=False)
    status = Column(String(16), nullable=False)
    delivered_at = Column(String(32))
